/* Self-audit checklists: answers kept in this browser's localStorage, never sent anywhere.

   One saved state per checklist, under "guidance:v1:checklist:<id>": audit records whose
   answers are keyed by item id, each with the hash of the item's wording when answered.
   Runs on every page, also after Material's instant navigation; a form is bound once.
   The rules for progress and rating mirror generator/audits/rules.py. The export format is
   described in docs/audit-export-format.md. */
(function () {
  "use strict";

  var PREFIX = "guidance:v1:checklist:";
  var FORMAT = "guidance-audit-export";
  var FORMAT_VERSION = 1;
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;
  var ITEM_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/; // the form the content schema gives item ids
  var CSV_COLUMNS = ["record_label", "record_id", "section", "item_id", "item_text", "answer_label", "answer_id",
    "note", "reason", "status", "updated"];
  var CSV_STATUS = { answered: "answered", "not-applicable": "answered", unanswered: "unanswered",
    "needs-reason": "unanswered", "needs-recheck": "needs re-check" };
  var memory = {}; // the state of each checklist, for when this browser will not store it
  var unsaved = {}; // checklists whose latest state is only in memory

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function now() { return new Date().toISOString(); }
  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function isText(value) { return typeof value === "string"; }
  function newId() { return "r-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8); }
  var dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }); // made once: it is slow to make
  function when(iso) {
    var date = new Date(iso);
    return isNaN(date) ? iso : dateFormat.format(date);
  }
  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function readJson(value) {
    try { return value ? JSON.parse(value) : null; } catch (error) { return null; }
  }

  // --- the checklist on the page ------------------------------------------------------

  function readItems(form) {
    var items = [];
    each(form.querySelectorAll(".gs-item[data-item-id]"), function (box) {
      var section = box.closest("[data-section-id]");
      var options = [];
      each(box.querySelectorAll("input[type=radio]"), function (radio) {
        options.push({ id: radio.value, label: radio.parentNode.textContent.trim(), na: radio.hasAttribute("data-not-applicable") });
      });
      items.push({
        id: box.dataset.itemId, hash: box.dataset.itemHash, critical: box.dataset.critical === "true",
        needsReason: !!box.querySelector("[data-gs=reason]"), box: box, options: options,
        section: section ? section.dataset.sectionId : "", sectionTitle: section ? section.dataset.sectionTitle : "",
        text: (box.querySelector(".gs-item__text") || box).textContent.trim()
      });
    });
    return items;
  }

  // --- progress and rating (as in generator/audits/rules.py) --------------------------------------

  function itemState(item, entry) {
    if (!entry || entry.answer === null || entry.answer === undefined) return "unanswered";
    var option = item.options.filter(function (o) { return o.id === entry.answer; })[0];
    if (!option || entry.item_hash !== item.hash) return "needs-recheck";
    if (option.na) return item.needsReason && !String(entry.reason || "").trim() ? "needs-reason" : "not-applicable";
    return "answered";
  }

  function progressOf(items, answers) {
    var progress = { answered: 0, applicable: 0, total: items.length };
    items.forEach(function (item) {
      var state = itemState(item, answers[item.id]);
      if (state !== "not-applicable") progress.applicable += 1;
      if (state === "answered") progress.answered += 1;
    });
    return progress;
  }

  function rate(ruleSet, items, answers) {
    if (!ruleSet) return null;
    var progress = progressOf(items, answers);
    if (progress.answered < progress.applicable) return null;
    var counted = items.filter(function (item) {
      var state = itemState(item, answers[item.id]);
      return state === "answered" || state === "not-applicable";
    });
    for (var i = 0; i < ruleSet.rules.length; i += 1) {
      var rule = ruleSet.rules[i], condition = rule.when;
      var matching = counted.filter(function (item) {
        return condition.answers.indexOf(answers[item.id].answer) >= 0 &&
          (condition.critical === undefined || item.critical === condition.critical) &&
          (!condition.items || condition.items.indexOf(item.id) >= 0);
      });
      if (matching.length >= condition.at_least) return { id: rule.id, label: rule.label, explain: rule.explain };
    }
    return ruleSet.otherwise;
  }

  // --- saved state -------------------------------------------------------------------------

  // A record as stored and exported, or null if it is not one. Unknown fields are dropped.
  function cleanRecord(record) {
    if (!isObject(record) || !isText(record.id) || !isText(record.label) || !isText(record.created) ||
        !isText(record.updated) || !isObject(record.answers)) return null;
    var answers = {}, sources = [record.answers, record.removed_items || {}];
    for (var s = 0; s < sources.length; s += 1) {
      if (!isObject(sources[s])) return null;
      for (var id in sources[s]) {
        // Only ids the content could define: also keeps "__proto__" and the like out of our objects.
        if (!ITEM_ID.test(id) || !Object.prototype.hasOwnProperty.call(sources[s], id)) return null;
        var entry = sources[s][id];
        if (!isObject(entry) || !(entry.answer === null || isText(entry.answer)) || !isText(entry.item_hash)) return null;
        answers[id] = { answer: entry.answer, note: isText(entry.note) ? entry.note : "",
          reason: isText(entry.reason) ? entry.reason : "", item_hash: entry.item_hash,
          updated: isText(entry.updated) ? entry.updated : record.updated };
      }
    }
    return { id: record.id, label: record.label, created: record.created, updated: record.updated, answers: answers };
  }

  function storage() { return window.localStorage; } // throws where storage is turned off

  function load(audit) {
    var raw;
    try {
      raw = storage().getItem(audit.key);
    } catch (error) {
      showStorageProblem(audit);
      return memory[audit.key] || { current: null, records: [] };
    }
    if (unsaved[audit.key] && memory[audit.key]) {
      showStorageProblem(audit);
      return memory[audit.key];
    }
    if (raw === null) return { current: null, records: [] };
    var data = readJson(raw);
    var records = data && Array.isArray(data.records) ? data.records.map(cleanRecord) : [null];
    if (records.indexOf(null) < 0) return { current: isText(data.current) ? data.current : null, records: records };
    // Unreadable: move it aside, unchanged, and start afresh; never erase what we cannot read.
    var aside = audit.key + ":corrupt:" + now();
    try {
      storage().setItem(aside, raw);
      storage().removeItem(audit.key); // only once the copy is made
      say(audit.messages, "The answers saved in this browser for this checklist could not be read. They have been " +
        "kept, unchanged, in this browser's storage under the name “" + aside + "”, and this page starts afresh.", "problem");
    } catch (error) {
      audit.keepStored = true;
      say(audit.messages, "The answers saved in this browser for this checklist could not be read, and could not be " +
        "set aside either. To protect them, nothing you do on this page will be saved: export what you need.", "problem");
    }
    return memory[audit.key] || { current: null, records: [] };
  }

  function save(audit) {
    memory[audit.key] = audit.state;
    if (audit.keepStored) return;
    try {
      storage().setItem(audit.key, JSON.stringify(audit.state));
      if (unsaved[audit.key]) say(audit.messages, "Your answers are being saved in this browser again.", "done", "storage");
      unsaved[audit.key] = false;
    } catch (error) {
      unsaved[audit.key] = true;
      showStorageProblem(audit);
    }
  }

  function showStorageProblem(audit) {
    say(audit.messages, "Your answers cannot be saved in this browser: its storage is full or turned off. They are " +
      "kept on this page only until you reload it or close the browser: export them to keep them.", "problem", "storage");
  }

  // --- messages and in-page questions -------------------------------------------------------

  function say(box, text, kind, id) {
    if (id) each(box.querySelectorAll("[data-message='" + id + "']"), function (old) { old.remove(); });
    var message = element("p", "", "gs-message gs-message--" + kind);
    message.appendChild(element("strong", { problem: "Problem: ", done: "Done: ", info: "Note: " }[kind]));
    message.appendChild(document.createTextNode(text));
    if (id) message.dataset.message = id;
    box.appendChild(message);
  }

  // Asks in the page (no window.confirm): resolves with the key of the button chosen.
  function ask(box, question, choices, details) {
    var returnTo = document.activeElement;
    box.textContent = "";
    var text = element("p", question, "gs-confirm__question");
    text.id = box.closest("form").id + "-" + box.dataset.gs + "-question";
    text.tabIndex = -1;
    box.setAttribute("aria-labelledby", text.id);
    box.appendChild(text);
    if (details && details.length) {
      var list = element("ul");
      details.forEach(function (line) { list.appendChild(element("li", line)); });
      box.appendChild(list);
    }
    box.hidden = false;
    text.focus();
    return new Promise(function (resolve) {
      choices.forEach(function (choice) {
        var button = element("button", choice[1], "md-button");
        button.type = "button";
        button.addEventListener("click", function () {
          box.hidden = true;
          box.textContent = "";
          if (returnTo && document.contains(returnTo)) returnTo.focus();
          resolve(choice[0]);
        });
        box.appendChild(button);
      });
    });
  }

  // --- records -----------------------------------------------------------------------------------

  // The record being worked on. With none kept yet, a draft: kept once something is written in it.
  function current(audit) {
    var state = audit.state;
    var record = state.records.filter(function (r) { return r.id === state.current; })[0] || state.records[0];
    if (record) return record;
    audit.draft = audit.draft || { id: newId(), label: "Record 1", created: now(), updated: now(), answers: {} };
    return audit.draft;
  }

  function keep(audit, record) {
    if (record !== audit.draft) return;
    audit.state.records.push(record);
    audit.state.current = record.id;
    audit.draft = null;
  }

  function allRecords(audit) {
    var record = current(audit);
    return record === audit.draft ? audit.state.records.concat([record]) : audit.state.records;
  }

  function freeLabel(audit, label) {
    var taken = audit.state.records.map(function (r) { return r.label; });
    for (var n = 2, candidate = label; ; n += 1) {
      if (taken.indexOf(candidate) < 0) return candidate;
      candidate = label.replace(/ \(\d+\)$/, "") + " (" + n + ")";
    }
  }

  function addRecord(audit, record) {
    audit.state.records.push(record);
    audit.state.current = record.id;
    save(audit);
    show(audit);
    audit.labelInput.focus();
    audit.labelInput.select();
  }

  var actions = {
    "new-record": function (audit) {
      addRecord(audit, { id: newId(), label: freeLabel(audit, "Record " + (audit.state.records.length + 1)),
        created: now(), updated: now(), answers: {} });
    },
    "duplicate-record": function (audit) {
      keep(audit, current(audit));
      var copy = JSON.parse(JSON.stringify(current(audit)));
      copy.id = newId();
      copy.label = freeLabel(audit, copy.label + " (copy)");
      copy.created = copy.updated = now();
      addRecord(audit, copy);
    },
    "delete-record": function (audit) {
      var record = current(audit);
      var count = Object.keys(record.answers).length;
      ask(audit.recordsConfirm, "Delete the record “" + record.label + "” and its " + count + " saved answer" +
        (count === 1 ? "" : "s") + "? This cannot be undone.", [["delete", "Delete it"], ["keep", "Keep it"]])
        .then(function (choice) {
          if (choice !== "delete") return;
          audit.state.records = audit.state.records.filter(function (r) { return r !== record; });
          audit.state.current = audit.draft = null;
          save(audit);
          show(audit);
          say(audit.messages, "The record “" + record.label + "” was deleted.", "done", "records");
        });
    },
    "confirm-answer": function (audit, button) {
      var item = audit.byId[button.closest(".gs-item").dataset.itemId];
      var entry = current(audit).answers[item.id];
      entry.item_hash = item.hash;
      touch(audit, entry);
      item.box.querySelector("input:checked").focus();
    },
    "export": function (audit, button) { exportRecords(audit, button.dataset.gsFormat, button.dataset.gsScope); },
    "print-record": function (audit) { printAs(audit, "record"); },
    "print-blank": function (audit) { printAs(audit, "blank"); }
  };

  // --- answering -------------------------------------------------------------------------

  function touch(audit, entry) {
    var record = current(audit);
    keep(audit, record);
    entry.updated = record.updated = now();
    for (var id in record.answers) {
      var e = record.answers[id];
      if (e.answer === null && !e.note && !e.reason) delete record.answers[id];
    }
    save(audit);
    update(audit);
  }

  function entryFor(audit, item) {
    var answers = current(audit).answers;
    return answers[item.id] || (answers[item.id] = { answer: null, note: "", reason: "", item_hash: item.hash, updated: now() });
  }

  function setAnswer(audit, radio) {
    var item = audit.byId[radio.closest(".gs-item").dataset.itemId], entry = entryFor(audit, item);
    entry.answer = radio.value;
    entry.item_hash = item.hash; // answered to the wording on the page
    touch(audit, entry);
  }

  function setText(audit, area) {
    var item = audit.byId[area.closest(".gs-item").dataset.itemId], entry = entryFor(audit, item);
    entry[area.dataset.gs] = area.value;
    if (entry.answer === null) entry.item_hash = item.hash;
    touch(audit, entry);
  }

  function rename(audit, label) {
    var record = current(audit);
    keep(audit, record);
    record.label = label;
    record.updated = now();
    save(audit);
    update(audit);
  }

  // --- showing the state -------------------------------------------------------------------

  // Puts the current record into the form, then updates everything derived from it.
  function show(audit) {
    var record = current(audit);
    audit.items.forEach(function (item) {
      var entry = record.answers[item.id] || {};
      each(item.box.querySelectorAll("input[type=radio]"), function (radio) { radio.checked = radio.value === entry.answer; });
      each(item.box.querySelectorAll("textarea"), function (area) { area.value = entry[area.dataset.gs] || ""; });
    });
    audit.labelInput.value = record.label;
    showRemoved(audit, record.answers);
    update(audit);
  }

  function update(audit) {
    var record = current(audit), answers = record.answers;
    audit.select.textContent = "";
    allRecords(audit).forEach(function (r) {
      var option = element("option", r.label || "(no label)");
      option.value = r.id;
      option.selected = r === record;
      audit.select.appendChild(option);
    });
    audit.times.textContent = "Created " + when(record.created) + " · last changed " + when(record.updated);

    var counts = {}, labels = {};
    audit.items.forEach(function (item) {
      var state = itemState(item, answers[item.id]);
      var status = item.box.querySelector("[data-gs=item-status]");
      var message = { "needs-recheck": "⚠ This question has changed since it was answered: please re-check the answer.",
        "needs-reason": "⚠ Say why this item does not apply: a reason is needed for “Not applicable”." }[state];
      item.box.dataset.state = state;
      status.hidden = !message;
      status.querySelector("p").textContent = message || "";
      status.querySelector("button").hidden = state !== "needs-recheck" || !item.box.querySelector("input:checked");
      var key = state === "answered" || state === "not-applicable" ? answers[item.id].answer : state;
      item.options.forEach(function (o) { labels[o.id] = labels[o.id] || o.label; });
      counts[key] = (counts[key] || 0) + 1;
    });

    each(audit.form.querySelectorAll("[data-section-id]"), function (section) {
      var progress = progressOf(audit.items.filter(function (i) { return i.section === section.dataset.sectionId; }), answers);
      var line = section.querySelector("[data-gs=section-progress]");
      line.hidden = false;
      line.querySelector("progress").max = Math.max(progress.applicable, 1);
      line.querySelector("progress").value = progress.answered;
      line.querySelector("span").textContent = progress.answered + " of " + progress.applicable + " applicable items answered";
    });

    var progress = progressOf(audit.items, answers);
    var rating = rate(audit.rating, audit.items, answers);
    audit.progress.max = Math.max(progress.applicable, 1);
    audit.progress.value = progress.answered;
    var status = progressText(progress);
    if (audit.rating) status += rating ? " Rating: " + rating.label + "." : " Not yet rated.";
    if (audit.status.textContent !== status) audit.status.textContent = status; // announced politely

    audit.summary.textContent = "";
    Object.keys(labels).concat(["needs-reason", "needs-recheck", "unanswered"]).forEach(function (key) {
      var name = { "needs-reason": "Not applicable, reason still to give", "needs-recheck": "To re-check",
        unanswered: "Not yet answered" }[key] || labels[key];
      if (counts[key]) audit.summary.appendChild(element("li", name + ": " + counts[key]));
    });
    if (audit.ratingLine) {
      audit.ratingLine.textContent = "";
      audit.ratingLine.appendChild(element("strong", "Rating: " + (rating ? rating.label : "not yet rated")));
      audit.ratingLine.appendChild(document.createTextNode(rating ? ". " + rating.explain : ". Every applicable item " +
        "must be answered first: " + (progress.applicable - progress.answered) + " still to answer."));
    }
    showForPrint(audit, record, progress, rating);
  }

  function progressText(progress) {
    return progress.answered + " of " + progress.applicable + " applicable items answered" +
      (progress.total > progress.applicable ? " (" + (progress.total - progress.applicable) + " not applicable)." : ".");
  }

  // Answers to items no longer in the checklist change only with the record, not with each answer.
  function showRemoved(audit, answers) {
    var removed = Object.keys(answers).filter(function (id) { return !audit.byId[id]; });
    var list = document.createDocumentFragment();
    removed.forEach(function (id) {
      var entry = answers[id];
      list.appendChild(element("li", id + ": " + (entry.answer === null ? "no answer" : "answered “" +
        entry.answer + "”") + (entry.note ? "; note: " + entry.note : "") + " (" + when(entry.updated) + ")"));
    });
    audit.removed.hidden = !removed.length;
    audit.removedList.textContent = "";
    audit.removedList.appendChild(list);
  }

  // --- printing ---------------------------------------------------------------------------------

  // What paper shows (print.css): a record's answers in words and its notes in full, since a
  // tick box says nothing in a PDF's text and a textarea prints only what fits in it. A record
  // with answers prints as a record, anything else as a blank form, unless a print button says.
  function showForPrint(audit, record, progress, rating) {
    var answers = record.answers;
    audit.items.forEach(function (item) {
      var entry = answers[item.id] || {}, state = itemState(item, answers[item.id]);
      var option = item.options.filter(function (o) { return o.id === entry.answer; })[0];
      var words = state === "unanswered" ? "not given" : (option ? option.label : entry.answer) +
        ({ "needs-reason": " (the reason is still to give)",
          "needs-recheck": " (to re-check: the question has changed since it was answered)" }[state] || "");
      item.box.querySelector("[data-gs=print-answer]").textContent = "Answer: " + words;
      each(item.box.querySelectorAll("textarea"), function (area) {
        area.parentNode.querySelector("[data-gs=print-" + area.dataset.gs + "]").textContent = entry[area.dataset.gs] || "";
      });
    });
    var box = audit.form.querySelector("[data-gs=print-record]");
    box.textContent = "";
    [["Record: ", record.label || "(no label)"],
      ["", "Created " + when(record.created) + " · last changed " + when(record.updated)],
      ["Progress: ", progressText(progress)]].concat(!audit.rating ? [] : [["Rating: ", rating ? rating.label + ". " +
        rating.explain : "not yet rated: every applicable item must be answered first."]])
      .forEach(function (line) {
        var paragraph = element("p");
        if (line[0]) paragraph.appendChild(element("strong", line[0]));
        paragraph.appendChild(document.createTextNode(line[1]));
        box.appendChild(paragraph);
      });
    audit.form.dataset.gsPrint = audit.printAs || (Object.keys(answers).length ? "record" : "blank");
  }

  function printAs(audit, mode) {
    audit.printAs = mode;
    update(audit);
    window.addEventListener("afterprint", function () {
      audit.printAs = null;
      update(audit);
    }, { once: true });
    window.print();
  }

  // --- export -----------------------------------------------------------------------------------

  function exportedRecord(audit, record) {
    var answers = {}, removed = {};
    Object.keys(record.answers).forEach(function (id) {
      (audit.byId[id] ? answers : removed)[id] = JSON.parse(JSON.stringify(record.answers[id]));
    });
    return { id: record.id, label: record.label, created: record.created, updated: record.updated, answers: answers,
      removed_items: removed, rating: rate(audit.rating, audit.items, record.answers),
      progress: progressOf(audit.items, record.answers) };
  }

  function toJson(audit, records) {
    return JSON.stringify({ format: FORMAT, format_version: FORMAT_VERSION, exported_at: now(),
      checklist: { id: audit.id, version: audit.form.dataset.checklistVersion, title: audit.title },
      records: records.map(function (record) { return exportedRecord(audit, record); }) }, null, 2);
  }

  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // a spreadsheet must not run it as a formula
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function toCsv(audit, records) {
    var rows = [CSV_COLUMNS];
    records.forEach(function (record) {
      audit.items.forEach(function (item) {
        var entry = record.answers[item.id] || { answer: null, note: "", reason: "", updated: "" };
        var option = item.options.filter(function (o) { return o.id === entry.answer; })[0];
        rows.push([record.label, record.id, item.sectionTitle, item.id, item.text, option ? option.label : "",
          entry.answer, entry.note, entry.reason, CSV_STATUS[itemState(item, record.answers[item.id])], entry.updated]);
      });
      Object.keys(record.answers).filter(function (id) { return !audit.byId[id]; }).forEach(function (id) {
        var entry = record.answers[id];
        rows.push([record.label, record.id, "", id, "", "", entry.answer, entry.note, entry.reason, "removed", entry.updated]);
      });
    });
    // The byte-order mark tells spreadsheets the file is UTF-8.
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  // Ids of a record's answers: the checklist's items in page order, then any no longer on it.
  function answerIds(audit, record) {
    var onPage = audit.items.map(function (item) { return item.id; }).filter(function (id) { return record.answers[id]; });
    return onPage.concat(Object.keys(record.answers).filter(function (id) { return !audit.byId[id]; }));
  }

  function personalDetails(audit, records) {
    var found = [];
    records.forEach(function (record) {
      answerIds(audit, record).forEach(function (id) {
        ["note", "reason"].forEach(function (field) {
          audit.patterns.forEach(function (pattern) {
            var match = pattern.regex.exec(record.answers[id][field] || "");
            if (match && match[0]) {
              found.push("Record “" + record.label + "”, item " + id + ", " + field + ": “" + match[0] + "” looks like " + pattern.label + ".");
            }
          });
        });
      });
    });
    return found;
  }

  function exportRecords(audit, format, scope) {
    var records = scope === "all" ? allRecords(audit) : [current(audit)];
    var found = personalDetails(audit, records);
    var asked = found.length ? ask(audit.transferConfirm, "Before you export: these notes may hold personal details. " +
      "Exports are meant to travel; children's details are not. Remove them from the notes, or export anyway.",
      [["cancel", "Go back and edit the notes"], ["export", "Export anyway"]], found) : Promise.resolve("export");
    asked.then(function (choice) {
      if (choice !== "export") return;
      var name = audit.id + "-" + (scope === "all" ? "all-records" : "record") + "-" + now().slice(0, 10) + "." + format;
      download(name, format === "csv" ? "text/csv" : "application/json",
        format === "csv" ? toCsv(audit, records) : toJson(audit, records));
      say(audit.transferMessages, "Exported " + records.length + " record" + (records.length === 1 ? "" : "s") +
        " to the file " + name + ".", "done", "transfer");
    });
  }

  function download(name, type, text) {
    var link = document.createElement("a"); // not added to the page: instant navigation must not see it
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  // --- import -----------------------------------------------------------------------------------

  // The records in an export of this checklist, or a sentence saying why there are none.
  function readExport(audit, text) {
    var data = readJson(text);
    if (!isObject(data) || data.format !== FORMAT || typeof data.format_version !== "number") {
      return "This file is not an audit export from this site (or it is damaged).";
    }
    if (data.format_version > FORMAT_VERSION) {
      return "This file was made by a newer version of this site (export format " + data.format_version +
        "); this page reads format " + FORMAT_VERSION + ".";
    }
    if (!isObject(data.checklist) || data.checklist.id !== audit.id) {
      var other = isObject(data.checklist) ? data.checklist.title || data.checklist.id : "another checklist";
      return "This file holds answers to “" + other + "”, not to “" + audit.title + "”. Import it on that checklist's page.";
    }
    var records = Array.isArray(data.records) ? data.records.map(cleanRecord) : [null];
    return records.indexOf(null) < 0 ? records : "This file is damaged: a record in it is incomplete.";
  }

  function importFile(audit, file) {
    var box = audit.transferMessages;
    box.textContent = "";
    if (file.size > MAX_IMPORT_BYTES) {
      say(box, "This file is too large to be an audit export (more than 5 MB). Nothing was imported.", "problem");
      return;
    }
    file.text().then(function (text) {
      var records = readExport(audit, text);
      if (!Array.isArray(records)) {
        say(box, records + " Nothing was imported.", "problem");
        return;
      }
      var labels = audit.state.records.map(function (r) { return r.label; });
      var clashes = records.filter(function (r) { return labels.indexOf(r.label) >= 0; });
      var asked = clashes.length ? ask(audit.transferConfirm, clashes.length + " record" + (clashes.length === 1 ?
        " in the file has the same label as a record" : "s in the file have the same labels as records") +
        " kept here. Replace the records kept here with those in the file?",
        [["replace", "Replace them"], ["both", "Keep both"], ["cancel", "Cancel the import"]],
        clashes.map(function (r) { return r.label; })) : Promise.resolve("both");
      return asked.then(function (choice) {
        if (choice === "cancel") {
          say(box, "The import was cancelled. Nothing was changed.", "info");
          return;
        }
        var state = audit.state;
        records.forEach(function (record) {
          if (choice === "replace") state.records = state.records.filter(function (r) { return r.label !== record.label; });
          else record.label = freeLabel(audit, record.label);
          if (state.records.some(function (r) { return r.id === record.id; })) record.id = newId();
          state.records.push(record);
        });
        state.current = records.length ? records[0].id : state.current;
        save(audit);
        show(audit);
        say(box, "Imported " + records.length + " record" + (records.length === 1 ? "" : "s") + ": " +
          records.map(function (r) { return "“" + r.label + "”"; }).join(", ") + ".", "done");
      });
    }, function () {
      say(box, "This file could not be read. Nothing was imported.", "problem");
    });
  }

  // --- setting up a page -------------------------------------------------------------------

  function patternsOf(form) {
    return (readJson(form.dataset.personalDataPatterns) || []).map(function (p) {
      try { return { label: p.label, regex: new RegExp(p.pattern) }; } catch (error) { return null; }
    }).filter(Boolean);
  }

  function setUp(form) {
    var part = function (name) { return form.querySelector("[data-gs=" + name + "]"); };
    var audit = {
      form: form, id: form.dataset.checklistId, title: form.dataset.checklistTitle,
      key: PREFIX + form.dataset.checklistId, items: readItems(form), byId: {},
      rating: readJson(form.dataset.rating), patterns: patternsOf(form),
      select: part("record-select"), labelInput: part("record-label"), times: part("record-times"),
      progress: part("progress"), status: part("status"), messages: part("messages"),
      summary: part("summary"), ratingLine: part("rating"), removed: part("removed"), removedList: part("removed-list"),
      recordsConfirm: part("records-confirm"), transferConfirm: part("transfer-confirm"),
      transferMessages: part("transfer-messages")
    };
    audit.items.forEach(function (item) { audit.byId[item.id] = item; });
    audit.state = load(audit);
    form.addEventListener("submit", function (event) { event.preventDefault(); }); // Enter must not reload the page
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target === audit.select) {
        audit.state.current = target.value;
        save(audit);
        show(audit);
      } else if (target.type === "radio") {
        setAnswer(audit, target);
      } else if (target.type === "file") {
        if (target.files[0]) importFile(audit, target.files[0]);
        target.value = "";
      }
    });
    form.addEventListener("input", function (event) {
      if (event.target === audit.labelInput) rename(audit, event.target.value);
      else if (event.target.tagName === "TEXTAREA") setText(audit, event.target);
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-gs-action]");
      if (button && actions[button.dataset.gsAction]) actions[button.dataset.gsAction](audit, button);
    });
    part("audit").hidden = false;
    part("result").hidden = false;
    show(audit);
  }

  // On the list of checklists: how many records each has in this browser.
  function countRecords(line) {
    var data;
    try { data = readJson(storage().getItem(PREFIX + line.dataset.gsSavedRecords)); } catch (error) { return; }
    var count = data && Array.isArray(data.records) ? data.records.length : 0;
    line.textContent = count ? count + " audit record" + (count === 1 ? "" : "s") + " kept in this browser" : "";
    line.hidden = !count;
  }

  // The rules, for the "My audits" page (my-audits.js), so they exist once in the browser.
  window.guidanceAudit = Object.freeze({ cleanRecord: cleanRecord, progressOf: progressOf, rate: rate, when: when });

  function start() {
    each(document.querySelectorAll("form.gs-checklist[data-checklist-id]"), function (form) {
      if (form.dataset.gsBound) return;
      form.dataset.gsBound = "true";
      setUp(form);
    });
    each(document.querySelectorAll("[data-gs-saved-records]"), countRecords);
  }

  window.guidanceSite.onEveryPage(start); // guidance.js, loaded first, defines it
})();
