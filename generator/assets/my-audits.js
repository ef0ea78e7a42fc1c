/* "My audits": every audit record kept in this browser, across all checklists, with its progress and
   rating, each linking to its own address (self-audit/<checklist>.html#record=<record id>). Exports the
   records of every checklist in one file (format version 2, docs/audit-export-format.md), for counting
   or in full, and imports a full export back. Nothing is sent anywhere. Progress, rating and what a
   valid record is come from checklist.js (window.guidanceAudit), so the rules exist once in the browser.
   Runs after Material's instant navigation too. */
(function () {
  "use strict";

  var FORMAT = "guidance-audit-export";
  var FORMAT_VERSION = 2;
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;
  var PURPOSES = { aggregation: "for-counting", transfer: "full" }; // in the file name

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function isText(value) { return typeof value === "string"; }
  function plural(count, one, many) { return count + " " + (count === 1 ? one : many || one + "s"); }
  function newId() { return "r-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8); }
  function readJson(text) { try { return JSON.parse(text); } catch (error) { return null; } }
  // Look-ups keyed by ids from storage or a file: without a prototype, "__proto__" and the like are plain keys.
  function lookup() { return Object.create(null); }
  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function cell(row, tag, text) { return row.appendChild(element(tag, text)); }

  function two(n) { return (n < 10 ? "0" : "") + n; }
  function localDate(date) { return date.getFullYear() + "-" + two(date.getMonth() + 1) + "-" + two(date.getDate()); }
  // ISO 8601 in local time with its offset from UTC, as the export format asks.
  function localIso(date) {
    var offset = -date.getTimezoneOffset(), sign = offset < 0 ? "-" : "+";
    offset = Math.abs(offset);
    return localDate(date) + "T" + two(date.getHours()) + ":" + two(date.getMinutes()) + ":" + two(date.getSeconds()) +
      sign + two(Math.floor(offset / 60)) + ":" + two(offset % 60);
  }

  // --- what the page and the storage hold ---------------------------------------------------------

  function checklistsOnPage(root) {
    var known = lookup();
    each(root.querySelectorAll("[data-checklist-id]"), function (node) {
      var data = readJson(node.dataset.checklist), items = lookup(), details = lookup();
      if (data && Array.isArray(data.items)) data.items.forEach(function (item) { items[item.id] = item; });
      if (data && Array.isArray(data.details)) data.details.forEach(function (detail) { details[detail.id] = detail; });
      known[node.dataset.checklistId] = { id: node.dataset.checklistId, title: node.dataset.checklistTitle,
        version: node.dataset.checklistVersion, url: node.dataset.checklistUrl, data: data, items: items,
        details: details };
    });
    return known;
  }

  // A record as the checklist's page reads it: answers kept under an item's earlier id become that item's.
  function cleanFor(view, checklistId) {
    var checklist = view.known[checklistId], renames = checklist && checklist.data && checklist.data.renamed;
    return function (record) { return view.rules.carryOver(view.rules.cleanRecord(record), renames); };
  }

  // [{checklistId, records}] for each checklist with saved records, and how many saved copies could not be read.
  function savedStates(view) {
    var storage = view.storage, prefix = view.prefix;
    var found = [], unreadable = 0;
    for (var i = 0; i < storage.length; i += 1) {
      var key = storage.key(i);
      if (!key || key.indexOf(prefix) !== 0) continue;
      var checklistId = key.slice(prefix.length);
      var state = readJson(storage.getItem(key));
      var records = state && Array.isArray(state.records) ? state.records.map(cleanFor(view, checklistId)) : null;
      if (checklistId.indexOf(":") >= 0 || !records || records.indexOf(null) >= 0) {
        unreadable += 1; // a copy set aside by a checklist page, or data this page cannot read
        continue;
      }
      found.push({ checklistId: checklistId, records: records });
    }
    return { found: found, unreadable: unreadable };
  }

  // --- the list ----------------------------------------------------------------------------------

  function addRow(body, checklistId, record, checklist, rules) {
    var row = document.createElement("tr");
    row.dataset.recordId = record.id;
    row.dataset.checklistId = checklistId;
    var name = cell(row, "th");
    name.scope = "row";
    var label = record.label || "(no label)";
    if (checklist) {
      var link = element("a", label);
      link.href = checklist.url + "#record=" + encodeURIComponent(record.id); // opens this record, not the last one used
      name.appendChild(link);
    } else {
      name.textContent = label;
    }
    cell(row, "td", checklist ? checklist.title : checklistId + " (no longer on this site)");
    cell(row, "td", rules.when(record.updated));
    var data = checklist && checklist.data;
    if (data) {
      var progress = rules.progressOf(data.items, record.answers);
      cell(row, "td", progress.answered + " of " + progress.applicable + " applicable items" +
        (progress.answered === progress.applicable ? " (complete)" : ""));
      var rating = rules.rate(data.rating, data.items, record.answers);
      cell(row, "td", !data.rating ? "No rating for this checklist" : rating ? rating.label : "Not yet rated");
      cell(row, "td", signedOff(data, record, rules));
    } else {
      cell(row, "td", "–");
      cell(row, "td", "–");
      cell(row, "td", "–");
    }
    // On a phone each value is shown after its column's name (checklist.css, gs-rows-as-blocks).
    var headings = body.parentNode.tHead.rows[0].cells;
    Array.prototype.forEach.call(row.cells, function (value, column) {
      if (value.tagName === "TD") value.dataset.columnName = headings[column].textContent;
    });
    body.appendChild(row);
  }

  // The sign-off date, and whether the answers changed after it, by the checklist page's rules: a
  // supervisor sees which audits wait for them without opening each.
  function signedOff(data, record, rules) {
    if (!data.details.some(function (detail) { return detail.signOff; })) return "–";
    var given = rules.signOffDate(data.details, record);
    if (!given) return "Not yet";
    return rules.day(given) + (rules.changedAfterSignOff(data.details, record) ? " (⚠ changed since)" : "");
  }

  function list(view) {
    var saved = savedStates(view);
    var rows = [];
    saved.found.forEach(function (entry) {
      entry.records.forEach(function (record) { rows.push({ checklistId: entry.checklistId, record: record }); });
    });
    rows.sort(function (a, b) { return a.record.updated < b.record.updated ? 1 : a.record.updated > b.record.updated ? -1 : 0; });
    var body = view.table.querySelector("tbody");
    body.textContent = "";
    rows.forEach(function (row) { addRow(body, row.checklistId, row.record, view.known[row.checklistId], view.rules); });
    view.table.hidden = !rows.length;
    var checklists = saved.found.filter(function (entry) { return entry.records.length; }).length;
    view.status.textContent = rows.length
      ? plural(rows.length, "record") + " for " + plural(checklists, "checklist") +
        " kept in this browser, most recently changed first."
      : "No audit records of this site are kept in this browser yet. Records you start on its checklist pages appear here.";
    if (saved.unreadable) {
      view.status.textContent += " " + plural(saved.unreadable, "saved copy", "saved copies") + " could not be read and " +
        (saved.unreadable === 1 ? "is" : "are") + " left untouched.";
    }
    return saved;
  }

  // --- messages and in-page questions (as on the checklist pages) ---------------------------------

  function say(view, text, kind) {
    var message = element("p", "", "gs-message gs-message--" + kind);
    message.appendChild(element("strong", { problem: "Problem: ", done: "Done: ", info: "Note: " }[kind]));
    message.appendChild(document.createTextNode(text));
    view.messages.appendChild(message);
    return message;
  }

  // Asks in the page, as a checklist page asks (checklist.js): Escape chooses the choice that changes nothing.
  function ask(view, question, choices, details) { return view.rules.ask(view.confirm, question, choices, details); }

  // --- export --------------------------------------------------------------------------------------

  // A record as the export format has it. For counting: no label, only details not marked personal,
  // answers without notes and reasons ("reason_given" says a reason was written, for the rating).
  function exportedRecord(record, checklist, purpose, rules) {
    var full = purpose === "transfer", answers = {}, removed = {};
    Object.keys(record.answers).forEach(function (id) {
      var entry = record.answers[id], copy = { answer: entry.answer, item_hash: entry.item_hash, updated: entry.updated };
      if (full) {
        copy.note = entry.note;
        copy.reason = entry.reason;
      } else if (String(entry.reason || "").trim()) {
        copy.reason_given = true;
      }
      (!checklist || checklist.items[id] ? answers : removed)[id] = copy;
    });
    var given = rules.exportedDetails(record, !full, function (id) { return isPersonal(checklist, id); });
    var data = checklist && checklist.data;
    return { id: record.id, label: full ? record.label : null, created: record.created, updated: record.updated,
      details: given.details, details_updated: given.details_updated, answers: answers, removed_items: removed,
      rating: data ? rules.rate(data.rating, data.items, record.answers) : null,
      progress: data ? rules.progressOf(data.items, record.answers) : null };
  }

  // A detail this checklist no longer defines counts as personal, as on the checklist page.
  function isPersonal(checklist, detailId) {
    var detail = checklist && checklist.details[detailId];
    return detail ? detail.personal : true;
  }

  // Where a text of an exported record is, in the words of its checklist page: "“Title”, record “Label”, item 1.4".
  function recordPlace(entry, record, n) {
    return "“" + entry.checklist.title + "”, " + (record.label ? "record “" + record.label + "”" : "record " + (n + 1));
  }
  function detailName(checklist, id) { return checklist && checklist.details[id] ? checklist.details[id].label : "detail " + id; }
  function itemName(checklist, id) {
    return "item " + (checklist && checklist.items[id] && checklist.items[id].number ? checklist.items[id].number : id);
  }

  // The free text of exported records (label, details, notes, reasons), each with where it is, to check for personal details.
  function freeText(checklists, known) {
    var texts = [];
    checklists.forEach(function (entry) {
      var checklist = known[entry.checklist.id];
      entry.records.forEach(function (record, n) {
        var where = recordPlace(entry, record, n);
        if (record.label) texts.push([where + ", label", record.label]);
        // A personal detail is listed as filled in (personalDetailsFilled): what it looks like would say it twice.
        Object.keys(record.details).forEach(function (id) {
          if (isText(record.details[id]) && !isPersonal(checklist, id)) {
            texts.push([where + ", " + detailName(checklist, id), record.details[id]]);
          }
        });
        [record.answers, record.removed_items].forEach(function (answers) {
          Object.keys(answers).forEach(function (id) {
            ["note", "reason"].forEach(function (field) {
              if (answers[id][field]) texts.push([where + ", " + itemName(checklist, id) + ", " + field, answers[id][field]]);
            });
          });
        });
      });
    });
    return texts;
  }

  // What a full export carries that is personal whatever it says: each personal detail filled in.
  function personalDetailsFilled(checklists, known) {
    var found = [];
    checklists.forEach(function (entry) {
      var checklist = known[entry.checklist.id];
      entry.records.forEach(function (record, n) {
        Object.keys(record.details).forEach(function (id) {
          if (isPersonal(checklist, id) && isText(record.details[id]) && record.details[id].trim()) {
            found.push(recordPlace(entry, record, n) + ", " + detailName(checklist, id) + ": filled in (a personal detail).");
          }
        });
      });
    });
    return found;
  }

  function personalDetails(patterns, texts) {
    var found = [];
    texts.forEach(function (text) {
      patterns.forEach(function (pattern) {
        var match = pattern.regex.exec(text[1]);
        if (match && match[0]) found.push(text[0] + ": “" + match[0] + "” looks like " + pattern.label + ".");
      });
    });
    return found;
  }

  function exportAll(view) {
    view.messages.textContent = "";
    var purpose = view.root.querySelector("input[name=my-audits-purpose]:checked").value;
    var saved = savedStates(view);
    var checklists = saved.found.filter(function (entry) { return entry.records.length; }).map(function (entry) {
      var checklist = view.known[entry.checklistId];
      return { checklist: { id: entry.checklistId, version: checklist ? checklist.version : null,
        title: checklist ? checklist.title : entry.checklistId },
        records: entry.records.map(function (record) { return exportedRecord(record, checklist, purpose, view.rules); }) };
    });
    var count = checklists.reduce(function (sum, entry) { return sum + entry.records.length; }, 0);
    if (!count) {
      say(view, "No audit records are kept in this browser, so there is nothing to export.", "info");
      return;
    }
    var full = purpose === "transfer";
    var texts = freeText(checklists, view.known); // only details not marked personal: a full export lists those as filled in
    var found = (full ? personalDetailsFilled(checklists, view.known) : []).concat(personalDetails(view.patterns, texts));
    var asked = found.length ? ask(view, full
      ? "Before you export in full: the file carries these personal or case details. Exports are meant to travel; the " +
        "details of the people in a case are not. Remove what is not needed on the checklist pages, or export anyway."
      : "Before you export for counting: this text, which the file carries, may identify someone. Remove it on the " +
        "checklist pages, or export anyway.",
      [["cancel", "Go back, export nothing"], ["export", "Export anyway"]], found) : Promise.resolve("export");
    asked.then(function (choice) {
      if (choice !== "export") {
        say(view, "Nothing was exported.", "info");
        return;
      }
      var when = new Date();
      var file = { format: FORMAT, format_version: FORMAT_VERSION, purpose: purpose, exported_at: localIso(when),
        checklists: checklists };
      var name = "all-checklists-" + PURPOSES[purpose] + "-" + localDate(when) + ".json";
      download(name, JSON.stringify(file, null, 2));
      var progresses = [].concat.apply([], checklists.map(function (entry) {
        return entry.records.map(function (record) { return record.progress; });
      }));
      say(view, "Exported " + plural(count, "record") + " of " + plural(checklists.length, "checklist") + " to the file " +
        name + (purpose === "transfer" ? ". It holds case details: look after it as you would the case file." :
          ", for counting: it holds no labels, notes, reasons or personal details." + view.rules.unfinishedNote(progresses)), "done");
    });
  }

  function download(name, text) {
    var link = document.createElement("a"); // not added to the page: instant navigation must not see it
    link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    link.download = name;
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  // --- import --------------------------------------------------------------------------------------

  // {entries: [{checklist, records}]} from a full export of format 1 or 2, or {problems: [sentences]}.
  function readExport(view, text) {
    var data = readJson(text);
    if (!isObject(data) || data.format !== FORMAT || typeof data.format_version !== "number") {
      return { problems: [view.rules.notAnExport(text)] };
    }
    if (data.format_version > FORMAT_VERSION) {
      return { problems: ["This file was made by a newer version of this site (export format " + data.format_version +
        "); this page reads formats 1 and " + FORMAT_VERSION + "."] };
    }
    var parts;
    if (data.format_version >= 2) {
      if (data.purpose === "aggregation") {
        return { problems: ["This file is an export for counting (for the Audit results page): it has no labels, " +
          "notes or reasons, so it cannot be made into records again. Import a full export, one made " +
          "“to move to another computer”."] };
      }
      if (data.purpose !== "transfer" || !Array.isArray(data.checklists)) {
        return { problems: ["This file is damaged: it does not say what it is for, or holds no list of checklists."] };
      }
      parts = data.checklists;
    } else {
      parts = [{ checklist: data.checklist, records: data.records }];
    }
    var problems = [], entries = [], byChecklist = lookup();
    parts.forEach(function (part, n) {
      var about = isObject(part) && isObject(part.checklist) ? part.checklist : null;
      if (!about || !isText(about.id)) {
        problems.push("Part " + (n + 1) + " of the file is damaged: it does not say which checklist it is for.");
        return;
      }
      var checklist = view.known[about.id], title = checklist ? checklist.title : isText(about.title) ? about.title : about.id;
      if (!checklist) {
        problems.push("This file holds answers to “" + title + "”, which is not a checklist on this site.");
        return;
      }
      if (!Array.isArray(part.records)) {
        problems.push("The records of “" + title + "” in this file are damaged.");
        return;
      }
      var records = [];
      part.records.forEach(function (record, r) {
        var clean = cleanFor(view, about.id)(record);
        var unknown = clean && checklist.data && view.rules.unknownAnswer(checklist.data.items, clean);
        if (unknown) {
          problems.push("“" + title + "”, record “" + clean.label + "” answers " + itemName(checklist, unknown.item.id) +
            " “" + unknown.answer.slice(0, 60) + "”, which is not one of its answers: the file is damaged.");
        } else if (clean) {
          records.push(clean);
        } else {
          problems.push("“" + title + "”, record " + (r + 1) + (isObject(record) && isText(record.label) ?
            " (“" + record.label + "”)" : "") + " is incomplete or damaged.");
        }
      });
      if (byChecklist[about.id]) byChecklist[about.id].records = byChecklist[about.id].records.concat(records);
      else entries.push(byChecklist[about.id] = { checklist: checklist, records: records });
    });
    if (!problems.length && !entries.some(function (entry) { return entry.records.length; })) {
      problems.push("This file holds no records.");
    }
    return problems.length ? { problems: problems } : { entries: entries };
  }

  // What is kept now for each checklist in the file, or problems if any of it cannot be read.
  function keptNow(view, entries) {
    var problems = [];
    entries.forEach(function (entry) {
      entry.key = view.prefix + entry.checklist.id;
      entry.before = view.storage.getItem(entry.key);
      var state = entry.before === null ? { current: null, records: [] } : readJson(entry.before);
      var valid = state && Array.isArray(state.records) && state.records.map(view.rules.cleanRecord).indexOf(null) < 0;
      if (!valid) {
        problems.push("The records kept in this browser for “" + entry.checklist.title + "” could not be read. Open " +
          "that checklist's page, which sets them aside unchanged, then import the file again.");
      } else {
        // Its list of deleted records too: without it, another tab's copy would bring them back.
        entry.state = { current: isText(state.current) ? state.current : null, records: state.records,
          deleted: Array.isArray(state.deleted) ? state.deleted : [] };
      }
    });
    return problems;
  }

  function freeLabel(taken, label) {
    for (var n = 2, candidate = label; ; n += 1) {
      if (!taken[candidate]) return candidate;
      candidate = label.replace(/ \(\d+\)$/, "") + " (" + n + ")";
    }
  }

  // Each entry's records not already kept here unchanged (importFile), into its state: replacing, the copies kept
  // here are forgotten and the file's come under new ids, as on a checklist page (checklist-transfer.js).
  function merge(entries, choice) {
    entries.forEach(function (entry) {
      var state = entry.state, ids = lookup(), labels = lookup(), replacing = lookup();
      if (choice === "replace") entry.incoming.forEach(function (record) { replacing[record.id] = true; });
      state.records = state.records.filter(function (r) {
        if (!replacing[r.id]) return true;
        if (state.deleted.indexOf(r.id) < 0) state.deleted.push(r.id);
        return false;
      });
      state.records.forEach(function (r) { ids[r.id] = true; labels[r.label] = true; });
      entry.incoming.forEach(function (record) {
        record.label = freeLabel(labels, record.label);
        if (ids[record.id] || state.deleted.indexOf(record.id) >= 0) record.id = newId();
        ids[record.id] = labels[record.label] = true;
        state.records.push(record);
      });
      if (!state.records.some(function (r) { return r.id === state.current; })) {
        state.current = entry.incoming[0] ? entry.incoming[0].id : state.records[0] ? state.records[0].id : null;
      }
    });
  }

  // "Imported 3 records for 2 checklists: A (“Record 1”); B (“Record 1”, “Record 2”)." of each entry's records[part].
  function importedLine(entries, part, start, none) {
    var some = entries.filter(function (entry) { return entry[part].length; });
    if (!some.length) return none;
    var count = some.reduce(function (sum, entry) { return sum + entry[part].length; }, 0);
    return start + plural(count, "record") + " for " + plural(some.length, "checklist") + ": " + some.map(function (entry) {
      return entry.checklist.title + " (" + entry[part].map(function (r) { return "“" + r.label + "”"; }).join(", ") + ")";
    }).join("; ") + ".";
  }

  // Writes every checklist's new state, or none: a failure puts back what was there.
  function writeAll(view, entries) {
    var written = [];
    try {
      entries.forEach(function (entry) {
        view.storage.setItem(entry.key, JSON.stringify(entry.state));
        written.push(entry);
      });
      return true;
    } catch (error) {
      written.forEach(function (entry) {
        try {
          if (entry.before === null) view.storage.removeItem(entry.key);
          else view.storage.setItem(entry.key, entry.before);
        } catch (ignored) { /* storage refused the write it was given back: nothing more to try */ }
      });
      return false;
    }
  }

  function importFile(view, file) {
    view.messages.textContent = "";
    if (file.size > MAX_IMPORT_BYTES) {
      say(view, "This file is too large to be an audit export (more than 5 MB). Nothing was imported.", "problem");
      return;
    }
    file.text().then(function (text) {
      var read = readExport(view, text);
      if (!read.problems) read.problems = keptNow(view, read.entries);
      if (read.problems.length) {
        read.problems.forEach(function (problem) { say(view, problem, "problem"); });
        say(view, "Nothing was imported.", "info");
        return;
      }
      // Matched by id, never by label, as on a checklist page (checklist-transfer.js).
      var entries = read.entries, clashes = [];
      entries.forEach(function (entry) {
        var kept = lookup();
        entry.state.records.forEach(function (r) { kept[r.id] = r; });
        entry.already = entry.records.filter(function (r) { return kept[r.id] && view.rules.sameContent(kept[r.id], r); });
        entry.incoming = entry.records.filter(function (r) { return entry.already.indexOf(r) < 0; });
        entry.incoming.forEach(function (r) {
          if (!kept[r.id]) return;
          clashes.push(view.rules.clashLine(kept[r.id], r, " (" + entry.checklist.title + ")"));
        });
      });
      var asked = clashes.length ? ask(view, view.rules.clashQuestion(clashes.length),
        [["both", "Keep both"], ["replace", "Replace them"], ["cancel", "Cancel the import"]], clashes) : Promise.resolve("both");
      return asked.then(function (choice) {
        if (choice === "cancel") {
          say(view, "The import was cancelled. Nothing was changed.", "info");
          return;
        }
        merge(entries, choice);
        if (!writeAll(view, entries)) {
          say(view, "This browser's storage is full or turned off, so the records could not be kept. Nothing was imported.", "problem");
          return;
        }
        list(view);
        say(view, importedLine(entries, "incoming", "Imported ", "Nothing was imported.") +
          importedLine(entries, "already", " Already kept here, unchanged: ", ""), "done");
      });
    }, function () {
      say(view, "This file could not be read. Nothing was imported.", "problem");
    });
  }

  // --- setting up the page -----------------------------------------------------------------------------

  function patternsOf(root) {
    var patterns = readJson(root.dataset.personalDataPatterns);
    return (Array.isArray(patterns) ? patterns : []).map(function (p) {
      try { return { label: p.label, regex: new RegExp(p.pattern) }; } catch (error) { return null; }
    }).filter(Boolean);
  }

  function show(root) {
    if (root.dataset.gsBound) return;
    root.dataset.gsBound = "true";
    var status = root.querySelector("[data-my-audits-status]");
    var rules = window.guidanceAudit;
    if (!rules) return; // without the checklist script the page keeps its explanation
    var storage;
    try {
      storage = window.localStorage;
      storage.length; // throws where storage is turned off
    } catch (error) {
      status.textContent = "This browser does not let this site keep data, so no audit records are kept here.";
      return;
    }
    // This site's records only: other sites opened in this browser keep theirs under names of their own.
    var view = { root: root, storage: storage, prefix: root.dataset.recordsPrefix, rules: rules, status: status,
      table: root.querySelector("[data-my-audits-table]"), known: checklistsOnPage(root), patterns: patternsOf(root),
      messages: root.querySelector("[data-my-audits-messages]"), confirm: root.querySelector("[data-my-audits-confirm]") };
    Object.keys(view.known).forEach(function (id) {
      try { rules.adoptEarlier(view.prefix, id); } catch (error) { /* left where they are, and not listed */ }
    });
    list(view);
    var transfer = root.querySelector("[data-my-audits-transfer]"), warning = root.querySelector("[data-my-audits-warning]");
    transfer.hidden = false;
    transfer.addEventListener("change", function (event) {
      var target = event.target;
      if (target.name === "my-audits-purpose") {
        warning.hidden = target.value !== "transfer";
      } else if (target.type === "file") {
        if (target.files[0]) importFile(view, target.files[0]);
        target.value = "";
      }
    });
    transfer.addEventListener("click", function (event) {
      if (event.target.closest("[data-my-audits-action=export]")) exportAll(view);
    });
  }

  function start() {
    each(document.querySelectorAll("[data-my-audits]"), show);
  }

  window.guidanceSite.onEveryPage(start); // guidance.js, loaded first, defines it
})();
