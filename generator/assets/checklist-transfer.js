/* Export and import of a checklist's audit records (docs/audit-export-format.md), in the browser only.

   Two kinds of export, and the page says which is which:
   - for counting (purpose "aggregation"), the file to put in audits/: answers, progress and rating,
     the record details not marked personal; no label, no note, no reason (a reason given is
     marked "reason_given"), no personal detail;
   - in full (purpose "transfer"), to move records to another computer: everything.
   Before either, every free text the file will carry is checked against the content's formats of
   personal details. Imports read full exports of format 1 and 2, and refuse exports for counting.
   Uses what checklist.js gives (window.guidanceAudit.extend), which loads this script once the page is
   loaded and the browser idle, or sooner when an auditor goes to export or import, then runs what was asked. */
(function () {
  "use strict";

  var FORMAT = "guidance-audit-export";
  var FORMAT_VERSION = 2;
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;
  var CSV_STATUS = { answered: "answered", "not-applicable": "answered", unanswered: "unanswered",
    "needs-reason": "needs reason", "needs-recheck": "needs re-check" };

  // ISO 8601 in local time with its offset, e.g. 2026-12-01T09:15:00+01:00 (what people read in a file).
  function localTime(iso) {
    var date = iso === undefined ? new Date() : new Date(iso);
    if (isNaN(date)) return iso || "";
    var pad = function (n) { return String(Math.abs(n)).padStart(2, "0"); };
    var offset = -date.getTimezoneOffset();
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + "T" + pad(date.getHours()) +
      ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds()) + (offset < 0 ? "-" : "+") +
      pad(Math.trunc(offset / 60)) + ":" + pad(offset % 60);
  }

  function bind(audit, t) {
    var importField = audit.form.querySelector("[data-gs=import]");
    var box = audit.transferMessages;
    box.id = audit.form.id + "-transfer-messages";

    // --- what a file carries --------------------------------------------------------------------

    function personal(detailId) {
      var detail = audit.details.filter(function (d) { return d.id === detailId; })[0];
      return detail ? detail.personal : true; // a detail this checklist no longer defines: treated as personal
    }

    function exportedAnswers(record, forCounting) {
      var answers = t.map(), removed = t.map();
      Object.keys(record.answers).forEach(function (id) {
        var entry = record.answers[id];
        if (t.isEmptyEntry(entry) || (forCounting && entry.answer === null)) return;
        var copy = forCounting
          ? { answer: entry.answer, item_hash: entry.item_hash, updated: entry.updated }
          : { answer: entry.answer, note: entry.note, reason: entry.reason, item_hash: entry.item_hash, updated: entry.updated };
        if (forCounting && String(entry.reason || "").trim()) copy.reason_given = true;
        (audit.byId[id] ? answers : removed)[id] = copy;
      });
      return { answers: answers, removed: removed };
    }

    function exportedRecord(record, forCounting) {
      var parts = exportedAnswers(record, forCounting), given = t.exportedDetails(record, forCounting, personal);
      return { id: record.id, label: forCounting ? null : record.label, created: record.created, updated: record.updated,
        details: given.details, details_updated: given.details_updated, answers: parts.answers, removed_items: parts.removed,
        rating: t.rate(audit.rating, audit.items, record.answers), progress: t.progressOf(audit.items, record.answers) };
    }

    function toJson(records, forCounting) {
      return JSON.stringify({ format: FORMAT, format_version: FORMAT_VERSION, purpose: forCounting ? "aggregation" : "transfer",
        exported_at: localTime(),
        checklists: [{ checklist: { id: audit.id, version: audit.form.dataset.checklistVersion, title: audit.title },
          records: records.map(function (record) { return exportedRecord(record, forCounting); }) }] }, null, 2);
    }

    function csvCell(value) {
      var text = value === null || value === undefined ? "" : String(value);
      if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // a spreadsheet must not run it as a formula
      return '"' + text.replace(/"/g, '""') + '"';
    }

    function progressWords(progress) {
      return progress.answered + " of " + progress.applicable + " applicable items answered";
    }

    function toCsv(records) {
      var columns = ["checklist_id", "checklist_title", "record_label", "record_id", "record_created", "record_updated"]
        .concat(audit.details.map(function (d) { return "detail_" + d.id.replace(/-/g, "_"); }))
        .concat(["record_progress", "record_rating", "section", "item_id", "item_text", "answer_label", "answer_id",
          "note", "reason", "status", "updated"]);
      var rows = [columns];
      records.forEach(function (record) {
        var rating = t.rate(audit.rating, audit.items, record.answers);
        var head = [audit.id, audit.title, record.label, record.id, localTime(record.created), localTime(record.updated)]
          .concat(audit.details.map(function (d) { return t.has(record.details, d.id) ? record.details[d.id] : ""; }))
          .concat([progressWords(t.progressOf(audit.items, record.answers)),
            audit.rating ? (rating ? rating.label : "not yet rated") : ""]);
        audit.items.forEach(function (item) {
          var entry = t.entryOf(record.answers, item.id) || { answer: null, note: "", reason: "", updated: "" };
          var option = item.options.filter(function (o) { return o.id === entry.answer; })[0];
          rows.push(head.concat([item.sectionTitle, item.id, item.text, option ? option.label : "", entry.answer, entry.note,
            entry.reason, CSV_STATUS[t.itemState(item, t.entryOf(record.answers, item.id))],
            entry.updated ? localTime(entry.updated) : ""]));
        });
        Object.keys(record.answers).filter(function (id) {
          return !audit.byId[id] && !t.isEmptyEntry(record.answers[id]);
        }).forEach(function (id) {
          var entry = record.answers[id];
          rows.push(head.concat(["", id, "", "", entry.answer, entry.note, entry.reason, "removed", localTime(entry.updated)]));
        });
      });
      // The byte-order mark tells spreadsheets the file is UTF-8.
      return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    }

    // --- before an export: what may be personal ---------------------------------------------------

    // [where, text, field] for every free text the export carries; field is where the page shows it, for the
    // record on screen only (the others' texts are in no field until chosen).
    function freeTexts(record, forCounting) {
      var name = "Record “" + record.label + "”";
      var shown = record === t.current(audit);
      var texts = forCounting ? [] : [[name + ", its label", record.label, shown && audit.labelInput]];
      // A personal detail goes into a full export only, and is listed there as filled in (personalDetails):
      // what it looks like would say it twice.
      audit.details.forEach(function (detail) {
        if (!detail.personal && t.has(record.details, detail.id)) {
          texts.push([name + ", " + detail.label, record.details[detail.id], shown && detail.field]);
        }
      });
      if (forCounting) return texts;
      var ids = audit.items.map(function (item) { return item.id; }).filter(function (id) { return t.has(record.answers, id); })
        .concat(Object.keys(record.answers).filter(function (id) { return !audit.byId[id]; }));
      ids.forEach(function (id) {
        ["note", "reason"].forEach(function (field) {
          var area = shown && audit.byId[id] && audit.byId[id].box.querySelector("textarea[data-gs=" + field + "]");
          texts.push([name + ", " + itemName(id) + ", " + field, record.answers[id][field] || "", area]);
        });
      });
      return texts;
    }

    // An item as the page numbers it ("item 1.4"); by its id only if the checklist no longer has it.
    function itemName(id) {
      return "item " + (audit.byId[id] && audit.byId[id].number || id);
    }

    // What the export carries that may be personal: [{line, field}], field as in freeTexts.
    function personalDetails(records, forCounting) {
      var found = [];
      records.forEach(function (record) {
        if (!forCounting) {
          audit.details.forEach(function (detail) {
            // Not a field to go back to: a personal detail belongs in the record; the question is whether the file may travel.
            if (detail.personal && t.has(record.details, detail.id) && record.details[detail.id].trim()) {
              found.push({ line: "Record “" + record.label + "”, " + detail.label + ": filled in (a personal detail)." });
            }
          });
        }
        freeTexts(record, forCounting).forEach(function (text) {
          audit.patterns.forEach(function (pattern) {
            var match = pattern.regex.exec(text[1]);
            if (match && match[0]) found.push({ line: text[0] + ": “" + match[0] + "” looks like " + pattern.label + ".", field: text[2] });
          });
        });
      });
      return found;
    }

    // "Go back and edit" goes to the first field listed that the page shows, as a form's error summary does: a
    // note, a reason, the label or a detail not marked personal, where a name or number may not belong.
    function goBackTo(found) {
      var first = found.filter(function (f) { return f.field; })[0];
      if (!first) return;
      first.field.scrollIntoView({ block: "center" });
      first.field.focus({ preventScroll: true });
    }

    function exportRecords(format, scope, purpose) {
      var records = scope === "all" ? t.allRecords(audit) : [t.current(audit)];
      var forCounting = purpose === "aggregation";
      var found = personalDetails(records, forCounting);
      var editable = found.some(function (f) { return f.field; });
      var asked = found.length ? t.ask(audit.transferConfirm, forCounting
        ? "Before you export for counting: these details, which the file carries, may identify someone. Remove them, or export anyway."
        : "Before you export in full: the file carries these personal or case details. Exports are meant to travel; " +
          "the details of the people in a case are not. " + (editable ? "Remove what is not needed, or export anyway."
          : "Export only to move the records where they are kept safe, or do not export."),
        [editable ? ["edit", "Go back and edit"] : ["cancel", "Do not export"], ["export", "Export anyway"]],
        found.map(function (f) { return f.line; }), "cancel")
        : Promise.resolve("export");
      asked.then(function (choice) {
        if (choice === "edit") goBackTo(found); // Escape only closes the question
        if (choice !== "export") return;
        // Named by the record's id, never its label: a label often names a person or a case, and a file's name
        // shows in download bars and on e-mail attachments.
        var name = audit.id + "-" + (forCounting ? "for-counting-" : "full-") + (scope === "all" ? "all"
          : records[0].id.replace(/[^A-Za-z0-9-]+/g, "-").slice(0, 40)) + "-" + t.localDate() + "." + format;
        t.saveFile(name, format === "csv" ? "text/csv" : "application/json",
          format === "csv" ? toCsv(records) : toJson(records, forCounting));
        var progresses = records.map(function (record) { return t.progressOf(audit.items, record.answers); });
        t.say(box, "Exported " + t.plural(records.length, "record") + (forCounting ? " for counting" : " in full") +
          " to the file " + name + "." + (forCounting ? t.unfinishedNote(progresses) : ""), "done", "transfer");
      });
    }

    audit.actions.export = function (target, button) {
      exportRecords(button.dataset.gsFormat, button.dataset.gsScope, button.dataset.gsPurpose);
    };

    // --- import ---------------------------------------------------------------------------------

    // Why a record cannot be taken in as it is, or "".
    function tooLong(record, number) {
      var where = "Record " + number + " in the file";
      if (record.label.length > t.LIMITS.label) {
        return where + " has a label of " + record.label.length + " characters; a label has at most " + t.LIMITS.label + ".";
      }
      for (var id in record.details) {
        var detail = audit.details.filter(function (d) { return d.id === id; })[0];
        var limit = t.LIMITS[detail ? detail.kind : "long-text"];
        if (record.details[id].length > limit) {
          return where + " has " + (detail ? detail.label : id) + " of " + record.details[id].length +
            " characters; it takes at most " + limit + ".";
        }
      }
      for (var item in record.answers) {
        var entry = record.answers[item];
        if (entry.note.length > t.LIMITS.note || entry.reason.length > t.LIMITS.reason || entry.answer && entry.answer.length > 200) {
          return where + " has a note, reason or answer to item " + item + " longer than " + t.LIMITS.note + " characters.";
        }
      }
      return "";
    }

    function badKey(records) {
      for (var r = 0; r < records.length; r += 1) {
        var record = records[r];
        if (record === null || typeof record !== "object") continue;
        var keys = [].concat(Object.keys(record.answers || {}), Object.keys(record.removed_items || {}), Object.keys(record.details || {}));
        for (var k = 0; k < keys.length; k += 1) {
          if (!t.ITEM_ID.test(keys[k])) return keys[k];
        }
      }
      return null;
    }

    // {records, elsewhere} from an export (the records of this checklist, and the titles of the others the file has
    // records for), or a sentence saying why there are none.
    function readExport(text) {
      var data = t.readJson(text);
      if (data === null || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT ||
          typeof data.format_version !== "number") {
        return t.notAnExport(text);
      }
      if (data.format_version > FORMAT_VERSION) {
        return "This file was made by a newer version of this site (export format " + data.format_version +
          "); this page reads formats 1 and " + FORMAT_VERSION + ".";
      }
      if (data.format_version >= 2 && data.purpose === "aggregation") {
        return "This file was exported for counting in Audit results: it has no labels, notes, reasons or personal details, so " +
          "it cannot bring records back. Import a full export (“to move records to another computer”) instead.";
      }
      if (data.format_version >= 2 && data.purpose !== "transfer") {
        return "This file is not an audit export from this site (or it is damaged): it does not say what it is for.";
      }
      var entries = data.format_version >= 2 ? data.checklists : [{ checklist: data.checklist, records: data.records }];
      if (!Array.isArray(entries)) return "This file is damaged: it lists no checklists.";
      var mine = entries.filter(function (e) { return e && typeof e === "object" && e.checklist && e.checklist.id === audit.id; })[0];
      var others = entries.filter(function (e) { return e !== mine; }).map(function (e) {
        if (!e || !e.checklist || typeof e.checklist !== "object" || (Array.isArray(e.records) && !e.records.length)) return "";
        var title = String(e.checklist.title || e.checklist.id).slice(0, 200);
        // Of the same title, yet another checklist (its id changed, or another site's): told apart by its id.
        return title === audit.title ? title + " (another checklist, id " + String(e.checklist.id).slice(0, 60) + ")" : title;
      }).filter(Boolean);
      if (!mine) {
        return "This file holds answers to " + (others.length ? others.map(function (o) { return "“" + o + "”"; }).join(", ")
          : "another checklist") + ", not to “" + audit.title + "”. Import it on that checklist's page.";
      }
      if (!Array.isArray(mine.records)) return "This file is damaged: a record in it is incomplete.";
      var key = badKey(mine.records);
      if (key !== null) {
        return "This file is damaged: it has an answer or detail under “" + key.slice(0, 60) + "”, which is not an id " +
          "this site gives (lower-case letters, digits and hyphens).";
      }
      var records = mine.records.map(function (record) { return t.carryOver(t.cleanRecord(record), audit.renames); });
      if (records.indexOf(null) >= 0) return "This file is damaged: a record in it is incomplete.";
      for (var n = 0; n < records.length; n += 1) {
        var problem = tooLong(records[n], n + 1), unknown = t.unknownAnswer(audit.items, records[n]);
        if (problem) return problem;
        if (unknown) {
          return "This file is damaged: record “" + records[n].label + "” answers " + itemName(unknown.item.id) + " “" +
            unknown.answer.slice(0, 60) + "”, which is not one of its answers.";
        }
      }
      return { records: records, elsewhere: others };
    }

    function labels(records) { return records.map(function (r) { return "“" + r.label + "”"; }).join(", "); }

    function problem(text) {
      t.say(box, text, "problem");
      importField.setAttribute("aria-invalid", "true");
      importField.setAttribute("aria-describedby", box.id);
    }

    function importFile(file) {
      box.textContent = "";
      importField.removeAttribute("aria-invalid");
      importField.removeAttribute("aria-describedby");
      if (file.size > MAX_IMPORT_BYTES) {
        problem("This file is too large to be an audit export (more than 5 MB). Nothing was imported.");
        return;
      }
      file.text().then(function (text) {
        var found = readExport(text);
        if (typeof found === "string") {
          problem(found + " Nothing was imported.");
          return;
        }
        // A record is matched by its id, never its label: two cases may both be "Record 1". One whose id is kept
        // here is the same record: back unchanged, it is left as it is; changed since, the auditor chooses.
        var state = audit.state, keptById = t.map();
        state.records.forEach(function (r) { keptById[r.id] = r; });
        var already = found.records.filter(function (r) { return keptById[r.id] && t.sameContent(keptById[r.id], r); });
        var records = found.records.filter(function (r) { return already.indexOf(r) < 0; });
        var clashes = records.filter(function (r) { return keptById[r.id]; });
        var asked = clashes.length ? t.ask(audit.transferConfirm, t.clashQuestion(clashes.length),
          [["both", "Keep both"], ["replace", "Replace them"], ["cancel", "Cancel the import"]],
          clashes.map(function (r) { return t.clashLine(keptById[r.id], r); }))
          : Promise.resolve("both");
        return asked.then(function (choice) {
          if (choice === "cancel") {
            t.say(box, "The import was cancelled. Nothing was changed.", "info");
            return;
          }
          records.forEach(function (record) {
            // Replaced, the record kept here is forgotten, and the file's copy comes under a new id: under the old
            // one, the copy kept here (and in other tabs), changed later, would win the merge answer by answer.
            if (choice === "replace" && keptById[record.id]) t.forget(audit, [keptById[record.id]]);
            record.label = t.freeLabel(audit, record.label);
            if (state.records.some(function (r) { return r.id === record.id; }) || state.deleted.indexOf(record.id) >= 0) {
              record.id = t.newId();
            }
            state.records.push(record);
          });
          var opened = records[0] || already[0];
          if (opened) state.current = opened.id;
          audit.draft = null;
          t.save(audit);
          t.show(audit);
          t.setAddress(audit);
          t.say(box, (records.length ? "Imported " + t.plural(records.length, "record") + ": " + labels(records) + "."
            : "Nothing was imported.") + (already.length ? " " + (already.length === 1 ? "1 record in the file is"
            : already.length + " records in the file are") + " already kept here, unchanged: " + labels(already) + "." : "") +
            (found.elsewhere.length
            ? " The file also holds records of " + found.elsewhere.map(function (o) { return "“" + o + "”"; }).join(", ") +
              ", not imported here: import the file on My audits to bring in every checklist's records, or on each " +
              "checklist's page." : ""), "done");
        });
      }, function () {
        problem("This file could not be read. Nothing was imported.");
      });
    }

    audit.actions.import = function (target, file) { importFile(file); }; // checklist.js hands on the file chosen
  }

  window.guidanceAudit.extend(bind); // checklist.js, loaded before this script, defines it
})();
