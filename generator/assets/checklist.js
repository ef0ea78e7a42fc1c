/* Self-audit checklists: answers kept in this browser's localStorage, never sent anywhere.

   One saved state per checklist, under "guidance:v1:site:<site's records name>:checklist:<id>" (the page's
   data-records-prefix; sites opened from folders share one storage): {current, records, deleted}.
   A record holds its label, its record details (auditor, case reference... as the checklist
   defines them) and its answers keyed by item id, each with the hash of the item's wording when
   answered and the time it changed. Two tabs on one checklist merge what they save, field by
   field, the later change winning. A record has an address: <checklist page>#record=<id>.
   Runs on every page, also after Material's instant navigation; a form is bound once.
   The rules for progress and rating mirror generator/audits/rules.py. Export and import are in
   checklist-transfer.js; the export format is described in docs/audit-export-format.md. A copy of saved
   answers that could not be read is set aside here, and offered back by checklist-recovery.js.
   Every look-up by id uses a map without a prototype: an item or key called "constructor" or
   "toString" is data, never something inherited. */
(function () {
  "use strict";

  var EARLIER_PREFIX = "guidance:v1:checklist:"; // before each site's records had a name of their own
  var ITEM_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/; // the form the content schema gives item and detail ids
  // The longest text each field takes, on screen and on import (docs/security.md); the form's maxlength
  // attributes (templates/_checklist_form.md.j2) give notes and reasons the same.
  var LIMITS = { label: 120, text: 200, date: 10, "long-text": 2000, note: 5000, reason: 5000 };
  var KEEP_DELETED = 500; // ids of deleted records remembered, so another tab's copy does not bring them back
  var memory = map(); // the state of each checklist, for when this browser will not store it
  var unsaved = map(); // checklists whose latest state is only in memory
  var audits = []; // the checklist forms set up on this page
  var extensions = []; // functions run for each form set up (checklist-transfer.js adds one)

  function map() { return Object.create(null); }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
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
  var dayFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });
  // A date field's value ("2026-12-01") as the rest of the record writes dates: "1 Dec 2026" (that day, wherever the browser is).
  function day(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return parts ? dayFormat.format(new Date(+parts[1], parts[2] - 1, +parts[3])) : value;
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
  function plural(count, one, many) { return count + " " + (count === 1 ? one : many || one + "s"); }

  // --- the checklist on the page ------------------------------------------------------

  // Each item, with the parts of it the script changes, found once: a checklist may have hundreds of items,
  // and every answer shows the record again.
  function readItems(form) {
    var items = [];
    each(form.querySelectorAll(".gs-item[data-item-id]"), function (box) {
      var section = box.closest("[data-section-id]");
      var radios = Array.prototype.slice.call(box.querySelectorAll("input[type=radio]"));
      var status = box.querySelector("[data-gs=item-status]");
      var reasonField = box.querySelector("[data-gs=reason]"), number = box.querySelector(".gs-number");
      items.push({
        id: box.dataset.itemId, hash: box.dataset.itemHash, critical: box.dataset.critical === "true",
        needsReason: !!reasonField, box: box, radios: radios, reasonField: reasonField,
        options: radios.map(function (radio) {
          return { id: radio.value, label: radio.parentNode.textContent.trim(), na: radio.hasAttribute("data-not-applicable") };
        }),
        // Each note or reason field, and the line that prints it in full.
        texts: Array.prototype.map.call(box.querySelectorAll("textarea[data-gs]"), function (area) {
          return { area: area, field: area.dataset.gs, print: area.parentNode.querySelector("[data-gs=print-" + area.dataset.gs + "]") };
        }),
        status: status, statusWords: status.querySelector("p"), recheck: status.querySelector("button"),
        printAnswer: box.querySelector("[data-gs=print-answer]"),
        section: section ? section.dataset.sectionId : "", sectionTitle: section ? section.dataset.sectionTitle : "",
        text: (box.querySelector(".gs-item__text") || box).textContent.trim(),
        number: number ? number.textContent.trim() : "" // as people cite it: "1.4"
      });
    });
    return items;
  }

  function checkedRadio(item) { return item.radios.filter(function (radio) { return radio.checked; })[0]; }

  // Each section's progress line, and the items it counts.
  function readSections(form, items) {
    var inSection = map();
    items.forEach(function (item) { (inSection[item.section] = inSection[item.section] || []).push(item); });
    return Array.prototype.map.call(form.querySelectorAll("[data-section-id]"), function (section) {
      var line = section.querySelector("[data-gs=section-progress]");
      return { line: line, bar: line.querySelector("progress"), words: line.querySelector("span"),
        items: inSection[section.getAttribute("data-section-id")] || [] };
    });
  }

  // The record details the checklist asks for, from its fields: [{id, label, kind, personal, field}].
  function readDetails(form) {
    var details = [];
    each(form.querySelectorAll("[data-gs-detail]"), function (field) {
      var label = field.labels && field.labels[0]; // the browser's own link, not a search of the whole form
      var kind = field.tagName === "TEXTAREA" ? "long-text" : field.type === "date" ? "date" : "text";
      field.maxLength = LIMITS[kind];
      details.push({ id: field.dataset.gsDetail, kind: kind, personal: field.dataset.personal === "true", field: field,
        signOff: field.dataset.signOff === "true", // the date the record was signed off
        signing: !!field.closest("[data-gs=sign-off]"), // written by the supervisor when signing off
        label: label ? label.firstChild.textContent.trim() : field.dataset.gsDetail });
    });
    return details;
  }

  // --- progress and rating (as in generator/audits/rules.py) --------------------------------------

  function itemState(item, entry) {
    if (!entry || entry.answer === null || entry.answer === undefined) return "unanswered";
    var option = item.options.filter(function (o) { return o.id === entry.answer; })[0];
    if (!option || entry.item_hash !== item.hash) return "needs-recheck";
    if (option.na) return item.needsReason && !String(entry.reason || "").trim() ? "needs-reason" : "not-applicable";
    return "answered";
  }

  function entryOf(answers, id) { return has(answers, id) ? answers[id] : undefined; }

  // Before an import replaces records kept here with the file's copies of them, which differ: the question, and a
  // line for each copy (`also` after its name: the checklist's title, on My audits) saying which is newer.
  function clashQuestion(count) {
    return (count === 1 ? "1 record in the file is a copy of a record kept here, and the two differ."
      : count + " records in the file are copies of records kept here, and differ from them.") +
      " Keep both, or replace the records kept here with the file's copies?";
  }
  function clashLine(kept, incoming, also) {
    var name = "“" + kept.label + "”" + (incoming.label !== kept.label ? " (in the file “" + incoming.label + "”)" : "") +
      (also || "");
    var age = incoming.updated < kept.updated ? "the file's copy is older: replacing it loses what was changed here since"
      : incoming.updated > kept.updated ? "the file's copy is newer"
      : "both were last changed at the same time, yet they differ: replacing it loses what is different here";
    return name + ": here last changed " + when(kept.updated) + ", in the file " + when(incoming.updated) + "; " + age + ".";
  }

  // Why a file chosen for import is not an export: the site's spreadsheet export is one, but not to import.
  function notAnExport(text) {
    return /^\uFEFF?"?checklist_id"?,/.test(text) // as the site writes it: every cell in quotes
      ? "This is a spreadsheet (CSV) export, for reading the answers: it cannot bring records back. Import the JSON " +
        "file of a full export (“to move records to another computer”) instead."
      : "This file is not an audit export from this site (or it is damaged).";
  }

  // Whether two records hold the same label, details and answers, notes and reasons (whatever their times).
  function sameContent(one, other) {
    function held(record) {
      var details = record.details || {}, answers = record.answers || {};
      return JSON.stringify([record.label, Object.keys(details).sort().filter(function (id) { return details[id] !== ""; })
        .map(function (id) { return [id, details[id]]; }),
        Object.keys(answers).sort().filter(function (id) { return !isEmptyEntry(answers[id]); }).map(function (id) {
          return [id, answers[id].answer, answers[id].note || "", answers[id].reason || ""];
        })]);
    }
    return held(one) === held(other);
  }

  // The first answer a record gives to an item's present wording (its hash) that is none of the item's options:
  // a damaged file, not a changed question. {item, answer}, or null. Items as readItems or My audits' data have them.
  function unknownAnswer(items, record) {
    for (var i = 0; i < items.length; i += 1) {
      var item = items[i], entry = entryOf(record.answers, item.id);
      var known = !entry || entry.answer === null || entry.item_hash !== item.hash ||
        item.options.some(function (option) { return option.id === entry.answer; });
      if (!known) return { item: item, answer: entry.answer };
    }
    return null;
  }

  function progressOf(items, answers) {
    var progress = { answered: 0, applicable: 0, total: items.length };
    items.forEach(function (item) {
      var state = itemState(item, entryOf(answers, item.id));
      if (state !== "not-applicable") progress.applicable += 1;
      if (state === "answered") progress.answered += 1;
    });
    return progress;
  }

  function counts(condition, item, answer) {
    return condition.answers.indexOf(answer) >= 0 &&
      (condition.critical === undefined || item.critical === condition.critical) &&
      (!condition.items || condition.items.indexOf(item.id) >= 0);
  }

  function rate(ruleSet, items, answers) {
    if (!ruleSet) return null;
    var progress = progressOf(items, answers);
    if (progress.answered < progress.applicable) return null;
    var counted = items.filter(function (item) {
      var state = itemState(item, entryOf(answers, item.id));
      return state === "answered" || state === "not-applicable";
    });
    for (var i = 0; i < ruleSet.rules.length; i += 1) {
      var rule = ruleSet.rules[i];
      var matching = counted.filter(function (item) { return counts(rule.when, item, answers[item.id].answer); });
      if (matching.length >= rule.when.at_least) return { id: rule.id, label: rule.label, explain: rule.explain };
    }
    return ruleSet.otherwise;
  }

  // Answers any rule of the rating counts (whether or not they are enough to make it apply): critical ones first.
  function answersAgainst(ruleSet, items, answers) {
    if (!ruleSet) return [];
    var found = items.filter(function (item) {
      var entry = entryOf(answers, item.id), state = itemState(item, entry);
      return (state === "answered" || state === "not-applicable") && ruleSet.rules.some(function (rule) {
        return counts(rule.when, item, entry.answer);
      });
    });
    return found.filter(function (i) { return i.critical; }).concat(found.filter(function (i) { return !i.critical; }));
  }

  // --- saved state -------------------------------------------------------------------------

  function isEmptyEntry(entry) { return entry.answer === null && !entry.note && !entry.reason; }

  // Something written in a record: an answer, a note or reason, or a record detail.
  function hasContent(record) {
    return Object.keys(record.answers).some(function (id) { return !isEmptyEntry(record.answers[id]); }) ||
      Object.keys(record.details || {}).some(function (id) { return record.details[id]; });
  }

  // A map of texts keyed by ids, or null if it is not one.
  function textsById(source) {
    var texts = map();
    if (source === undefined) return texts;
    if (!isObject(source)) return null;
    for (var id in source) {
      if (!has(source, id)) continue;
      if (!ITEM_ID.test(id) || !isText(source[id])) return null;
      texts[id] = source[id];
    }
    return texts;
  }

  // A record as stored, or null if it is not one. Unknown fields are dropped; maps have no prototype.
  function cleanRecord(record) {
    if (!isObject(record) || !isText(record.id) || !isText(record.label) || !isText(record.created) ||
        !isText(record.updated) || !isObject(record.answers)) return null;
    var answers = map(), sources = [record.answers, record.removed_items || {}];
    for (var s = 0; s < sources.length; s += 1) {
      if (!isObject(sources[s])) return null;
      for (var id in sources[s]) {
        if (!has(sources[s], id)) continue;
        // Only ids the content could define: also keeps "__proto__" and the like out.
        if (!ITEM_ID.test(id)) return null;
        var entry = sources[s][id];
        if (!isObject(entry) || !(entry.answer === null || isText(entry.answer)) || !isText(entry.item_hash)) return null;
        answers[id] = { answer: entry.answer, note: isText(entry.note) ? entry.note : "",
          reason: isText(entry.reason) ? entry.reason : "", item_hash: entry.item_hash,
          updated: isText(entry.updated) ? entry.updated : record.updated };
      }
    }
    var details = textsById(record.details), detailTimes = textsById(record.details_updated) || map();
    if (!details) return null;
    return { id: record.id, label: record.label, created: record.created, updated: record.updated,
      label_updated: isText(record.label_updated) ? record.label_updated : "", details: details,
      details_updated: detailTimes, answers: answers };
  }

  // Answers kept under an id an item had before it was renamed (its earlier_ids; renames: earlier id -> id) become
  // that item's, unless it has an answer of its own: then they stay apart, as answers to an item no longer here.
  function carryOver(record, renames) {
    if (!record || !isObject(renames)) return record;
    for (var earlier in renames) {
      var id = renames[earlier], answers = record.answers;
      if (has(renames, earlier) && has(answers, earlier) && !(has(answers, id) && !isEmptyEntry(answers[id]))) {
        answers[id] = answers[earlier];
        delete answers[earlier];
      }
    }
    return record;
  }

  function cleanState(data, renames) {
    if (!isObject(data) || !Array.isArray(data.records)) return null;
    var records = data.records.map(function (record) { return carryOver(cleanRecord(record), renames); });
    if (records.indexOf(null) >= 0) return null;
    return { current: isText(data.current) ? data.current : null, records: records,
      deleted: Array.isArray(data.deleted) ? data.deleted.filter(isText) : [] };
  }

  function emptyState() { return { current: null, records: [], deleted: [] }; }

  // Takes into a record what the other copy changed later: its label, each detail, each answer.
  function mergeRecord(record, theirs) {
    var changed = false;
    if (theirs.label_updated > record.label_updated) {
      record.label = theirs.label;
      record.label_updated = theirs.label_updated;
      changed = true;
    }
    Object.keys(theirs.details).forEach(function (id) {
      var time = theirs.details_updated[id] || "";
      if (!has(record.details, id) || time > (record.details_updated[id] || "")) {
        if (record.details[id] !== theirs.details[id]) changed = true;
        record.details[id] = theirs.details[id];
        record.details_updated[id] = time;
      }
    });
    Object.keys(theirs.answers).forEach(function (id) {
      var mine = entryOf(record.answers, id), other = theirs.answers[id];
      if (!mine || other.updated > mine.updated) {
        record.answers[id] = other;
        changed = true;
      }
    });
    if (theirs.updated > record.updated) record.updated = theirs.updated;
    return changed;
  }

  // Merges another copy of a checklist's state (another tab's) into this one; true if this one changed.
  // This tab keeps its own current record.
  function mergeState(state, other) {
    var changed = false, deleted = map(), mine = map();
    state.deleted.concat(other.deleted).forEach(function (id) { deleted[id] = true; });
    state.records.forEach(function (record) { mine[record.id] = record; });
    other.records.forEach(function (theirs) {
      if (deleted[theirs.id]) return;
      if (mine[theirs.id]) {
        changed = mergeRecord(mine[theirs.id], theirs) || changed;
      } else {
        state.records.push(theirs);
        mine[theirs.id] = theirs;
        changed = true;
      }
    });
    var kept = state.records.filter(function (record) { return !deleted[record.id]; });
    changed = changed || kept.length !== state.records.length;
    state.records = kept;
    state.deleted = Object.keys(deleted).slice(-KEEP_DELETED);
    return changed;
  }

  function storage() { return window.localStorage; } // throws where storage is turned off

  function asideKeys(audit) {
    var keys = [], store = storage();
    for (var i = 0; i < store.length; i += 1) {
      var key = store.key(i);
      if (key && key.indexOf(audit.key + ":corrupt:") === 0) keys.push(key);
    }
    return keys.sort();
  }

  // Moves unreadable saved data aside, unchanged; never erases what we cannot read. True if done.
  function setAside(audit, raw) {
    var aside = audit.key + ":corrupt:" + now();
    try {
      storage().setItem(aside, raw);
      storage().removeItem(audit.key); // only once the copy is made
      say(audit.messages, "Some answers saved in this browser for this checklist could not be read. They have been " +
        "kept, unchanged, in this browser's storage under the name “" + aside + "”, and this page starts afresh. " +
        "Below, you can download that copy as a file and keep every record in it that can still be read.", "problem");
      return true;
    } catch (error) {
      audit.keepStored = true;
      say(audit.messages, "The answers saved in this browser for this checklist could not be read, and could not be " +
        "set aside either. To protect them, nothing you do on this page will be saved: export what you need.", "problem");
      return false;
    }
  }

  // Records kept under EARLIER_PREFIX are taken in by the first page of a site with their checklist that opens:
  // moved with any copies set aside, each copied before any is removed, and never over records already here.
  function adoptEarlier(prefix, checklistId) {
    var store = storage(), from = EARLIER_PREFIX + checklistId, to = prefix + checklistId, keys = [];
    if (prefix === EARLIER_PREFIX || store.getItem(from) === null || store.getItem(to) !== null) return;
    for (var i = 0; i < store.length; i += 1) {
      var key = store.key(i);
      if (key === from || (key && key.indexOf(from + ":corrupt:") === 0)) keys.push(key);
    }
    keys.forEach(function (key) { store.setItem(to + key.slice(from.length), store.getItem(key)); });
    keys.forEach(function (key) { store.removeItem(key); });
  }

  function load(audit) {
    var raw;
    try {
      adoptEarlier(audit.prefix, audit.id);
      raw = storage().getItem(audit.key);
    } catch (error) {
      showStorageProblem(audit);
      return memory[audit.key] || emptyState();
    }
    if (unsaved[audit.key] && memory[audit.key]) {
      showStorageProblem(audit);
      return memory[audit.key];
    }
    if (raw === null) return emptyState();
    var state = cleanState(readJson(raw), audit.renames);
    if (state) return state;
    setAside(audit, raw);
    return memory[audit.key] || emptyState();
  }

  // Read, merge, write: what another tab saved since this one last did is kept.
  function save(audit) {
    memory[audit.key] = audit.state;
    if (audit.keepStored) return;
    try {
      var raw = storage().getItem(audit.key);
      var stored = raw === null ? null : cleanState(readJson(raw), audit.renames);
      if (stored) mergeState(audit.state, stored);
      else if (raw !== null && !setAside(audit, raw)) return;
      if (!stored && raw !== null) showRecovery(audit);
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

  // Another tab saved this checklist: take in what it changed.
  function onStorage(event) {
    audits = audits.filter(function (audit) { return document.contains(audit.form); });
    audits.forEach(function (audit) {
      if (event.key !== audit.key || event.newValue === null || audit.keepStored) return;
      var other = cleanState(readJson(event.newValue), audit.renames);
      var open = current(audit);
      if (other && mergeState(audit.state, other)) {
        memory[audit.key] = audit.state;
        if (open !== audit.draft && !recordById(audit, open.id)) openInstead(audit, open);
        show(audit);
      }
    });
  }

  // The record open here was deleted in another tab: not another case in its place, where the auditor would
  // carry on typing, but a new, empty record, and a word on why.
  function openInstead(audit, deleted) {
    openNewDraft(audit);
    say(audit.recordMessages, "The record “" + deleted.label + "” was deleted in another tab. A new, empty record is " +
      "open instead; to carry on with another, choose it under “Record”.", "problem", "records");
  }

  // --- recovering a set-aside copy ---------------------------------------------------------------

  // A copy set aside is rare, so what offers it back comes with its own script (checklist-recovery.js),
  // loaded only when there is one to show.
  function showRecovery(audit) {
    var keys;
    try { keys = asideKeys(audit); } catch (error) { keys = []; }
    if (keys.length || !audit.recovery.hidden) act(audit, "show-recovery", audit.recovery, keys);
  }

  // The day, here, of a time (now, if none) as a date field writes it: "2026-12-01".
  function localDate(iso) {
    var date = iso ? new Date(iso) : new Date();
    return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" + String(date.getDate()).padStart(2, "0");
  }

  function saveFile(name, type, text) {
    var link = document.createElement("a"); // not added to the page: instant navigation must not see it
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  // --- messages and in-page questions -------------------------------------------------------

  function say(box, text, kind, id) {
    if (id) each(box.querySelectorAll("[data-message='" + id + "']"), function (old) { old.remove(); });
    var message = element("p", "", "gs-message gs-message--" + kind);
    message.appendChild(element("strong", { problem: "Problem: ", done: "Done: ", info: "Note: " }[kind]));
    message.appendChild(document.createTextNode(text));
    if (id) message.dataset.message = id;
    box.appendChild(message);
    return message;
  }

  // Asks in the page (no window.confirm): resolves with the key of the button chosen. Escape
  // chooses the choice that changes nothing ("keep" or "cancel"), or resolves with escapeKey where one
  // is given; focus goes back where it was.
  function ask(box, question, choices, details, escapeKey) {
    var returnTo = document.activeElement;
    box.textContent = "";
    var text = element("p", question, "gs-confirm__question");
    var owner = box.closest("form[id]"); // a checklist page holds several such boxes: ids must differ
    text.id = (owner ? owner.id + "-" + box.dataset.gs : "gs-confirm") + "-question";
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
    var safe = choices.filter(function (c) { return c[0] === "keep" || c[0] === "cancel"; })[0] || choices[choices.length - 1];
    return new Promise(function (resolve) {
      function close(key) {
        box.hidden = true;
        box.textContent = "";
        box.onkeydown = null;
        if (returnTo && document.contains(returnTo)) returnTo.focus();
        resolve(key);
      }
      box.onkeydown = function (event) {
        if (event.key !== "Escape") return;
        event.preventDefault();
        event.stopPropagation();
        close(escapeKey || safe[0]);
      };
      choices.forEach(function (choice) {
        var button = element("button", choice[1], "md-button");
        button.type = "button";
        button.addEventListener("click", function () { close(choice[0]); });
        box.appendChild(button);
      });
    });
  }

  // --- records -----------------------------------------------------------------------------------

  function newRecord(label) {
    var time = now();
    return { id: newId(), label: label, created: time, updated: time, label_updated: "", details: map(),
      details_updated: map(), answers: map() };
  }

  function recordById(audit, id) { return audit.state.records.filter(function (r) { return r.id === id; })[0]; }

  // The record being worked on. With none kept yet (or when an address names a record not kept here), a draft:
  // kept once something is written in it.
  function current(audit) {
    var state = audit.state;
    if (audit.draft && state.current === audit.draft.id) return audit.draft;
    var record = recordById(audit, state.current) || state.records[0];
    if (record) return record;
    audit.draft = audit.draft || newRecord("Record 1");
    return audit.draft;
  }

  function keep(audit, record) {
    if (record !== audit.draft) return;
    audit.state.records.push(record);
    audit.state.current = record.id;
    audit.draft = null;
    setAddress(audit);
    forgetRecordMessages(audit); // what was said of the record open is past: it is kept, with an address of its own
  }

  function allRecords(audit) {
    var record = current(audit);
    return record === audit.draft ? audit.state.records.concat([record]) : audit.state.records;
  }

  // Records taken out of the state are remembered as deleted, so a merge does not bring them back.
  function forget(audit, records) {
    var ids = records.map(function (r) { return r.id; });
    audit.state.records = audit.state.records.filter(function (r) { return ids.indexOf(r.id) < 0; });
    audit.state.deleted = audit.state.deleted.concat(ids).slice(-KEEP_DELETED);
  }

  function freeLabel(audit, label) {
    var taken = audit.state.records.map(function (r) { return r.label; });
    for (var n = 2, candidate = label; ; n += 1) {
      if (taken.indexOf(candidate) < 0) return candidate;
      candidate = label.replace(/ \(\d+\)$/, "") + " (" + n + ")";
    }
  }

  function addRecord(audit, record, message) {
    audit.state.records.push(record);
    audit.state.current = record.id;
    save(audit);
    show(audit);
    setAddress(audit);
    say(audit.recordMessages, message, "done", "records");
    audit.labelInput.focus();
    audit.labelInput.select();
  }

  // --- a record's address: <checklist page>#record=<id> ---------------------------------------------

  function addressOf(pageUrl, recordId) { return pageUrl.split("#")[0] + "#record=" + encodeURIComponent(recordId); }

  function recordInAddress() {
    var match = /^#(?:.*&)?record=([^&]*)/.exec(window.location.hash);
    if (!match) return null;
    try { return decodeURIComponent(match[1]); } catch (error) { return null; }
  }

  // What was said of the record open (started, deleted, not kept here), once another is open or it is kept.
  function forgetRecordMessages(audit) {
    each(audit.recordMessages.querySelectorAll("[data-message=address], [data-message=records]"), function (old) {
      old.remove();
    });
  }

  function openNewDraft(audit) {
    audit.draft = newRecord(freeLabel(audit, "Record " + (audit.state.records.length + 1)));
    audit.state.current = audit.draft.id;
  }

  // Opens the record the address names, if the page shows another.
  function openFromAddress(audit) {
    var id = recordInAddress();
    if (id === null) return;
    forgetRecordMessages(audit);
    if (!recordById(audit, id)) {
      // Not another case in its place, where an auditor would carry on typing: a new, empty record.
      if (audit.state.records.length && current(audit) !== audit.draft) {
        openNewDraft(audit);
        show(audit);
      }
      // Beside the record chosen, and brought into sight: whoever followed the link expects that record.
      var told = say(audit.recordMessages, (audit.state.deleted.indexOf(id) >= 0
        ? "The address of this page names a record that was deleted in this browser."
        : "The address of this page names a record that is not kept in this browser: records are kept only where " +
          "they were made, so open it on that computer, or import its export here.") +
        " A new, empty record is open instead; to carry on with another, choose it under “Record”.", "problem", "address");
      told.scrollIntoView({ block: "center" });
      return;
    }
    if (current(audit).id === id) return;
    audit.state.current = id;
    audit.draft = null;
    show(audit);
  }

  // The address names the record chosen, so it can be bookmarked (replaced: Back still leaves the page).
  function setAddress(audit) {
    var record = current(audit);
    if (record === audit.draft || recordInAddress() === record.id) return;
    try {
      window.history.replaceState(window.history.state, "", addressOf(window.location.href, record.id));
    } catch (error) { /* an address that cannot change (a sandboxed page): the link below still gives it */ }
    showAddress(audit);
  }

  function showAddress(audit) {
    var record = current(audit), line = audit.address;
    line.textContent = "";
    line.hidden = record === audit.draft;
    if (line.hidden) return;
    var link = element("a", "Link to this record");
    link.href = "#record=" + encodeURIComponent(record.id);
    line.appendChild(link);
    line.appendChild(document.createTextNode(" (bookmark it to come back to this record in this browser)"));
  }

  function onAddressChange() {
    audits = audits.filter(function (audit) { return document.contains(audit.form); });
    audits.forEach(openFromAddress);
  }

  var actions = {
    "new-record": function (audit) {
      var record = current(audit);
      if (!hasContent(record)) {
        keep(audit, record);
        save(audit);
        show(audit);
        say(audit.recordMessages, "This record (“" + record.label + "”) has nothing in it yet, so no new one was made: use " +
          "this one for the next case. Give it a short name here.", "info", "records");
        audit.labelInput.focus();
        audit.labelInput.select();
        return;
      }
      keep(audit, record);
      var label = freeLabel(audit, "Record " + (audit.state.records.length + 1));
      addRecord(audit, newRecord(label), "New record “" + label + "” started. Give it a short name here.");
    },
    "duplicate-record": function (audit) {
      keep(audit, current(audit));
      var copy = cleanRecord(JSON.parse(JSON.stringify(current(audit))));
      copy.id = newId();
      copy.label = freeLabel(audit, copy.label + " (copy)");
      copy.created = copy.updated = copy.label_updated = now();
      // A supervisor signed the record copied, not the copy: a copy for another case must not read as signed off.
      var signed = audit.details.filter(function (detail) { return detail.signing && copy.details[detail.id]; });
      signed.forEach(function (detail) {
        delete copy.details[detail.id];
        delete copy.details_updated[detail.id];
      });
      addRecord(audit, copy, "“" + copy.label + "” is a copy, with the same answers and details" +
        (signed.length ? ", but not the supervisor's sign-off, which was given to the record copied." : "."));
    },
    "delete-record": function (audit) {
      var record = current(audit);
      var count = Object.keys(record.answers).filter(function (id) { return !isEmptyEntry(record.answers[id]); }).length;
      ask(audit.recordsConfirm, "Delete the record “" + record.label + "” and its " + plural(count, "saved answer") +
        "? This cannot be undone.", [["delete", "Delete it"], ["keep", "Keep it"]])
        .then(function (choice) {
          if (choice !== "delete") return;
          forget(audit, [record]);
          audit.state.current = audit.draft = null;
          save(audit);
          show(audit);
          setAddress(audit);
          say(audit.recordMessages, "The record “" + record.label + "” was deleted.", "done", "records");
        });
    },
    "confirm-answer": function (audit, button) {
      var item = audit.byId[button.closest(".gs-item").dataset.itemId];
      var entry = current(audit).answers[item.id];
      entry.item_hash = item.hash;
      touch(audit, entry);
      checkedRadio(item).focus();
    },
    "print-record": function (audit) { printAs(audit, "record"); },
    "print-blank": function (audit) { printAs(audit, "blank"); }
  };

  // --- answering -------------------------------------------------------------------------

  // An entry emptied stays (as a blank), so that a merge with an older copy does not bring its text back.
  function touch(audit, entry) {
    var record = current(audit);
    keep(audit, record);
    entry.updated = record.updated = now();
    save(audit);
    update(audit);
  }

  function entryFor(audit, item) {
    var answers = current(audit).answers;
    return entryOf(answers, item.id) ||
      (answers[item.id] = { answer: null, note: "", reason: "", item_hash: item.hash, updated: now() });
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

  function setDetail(audit, field) {
    var record = current(audit);
    keep(audit, record);
    record.details[field.dataset.gsDetail] = field.value;
    record.details_updated[field.dataset.gsDetail] = record.updated = now();
    save(audit);
    update(audit);
  }

  function rename(audit, label) {
    var record = current(audit);
    keep(audit, record);
    record.label = label;
    record.label_updated = record.updated = now();
    save(audit);
    update(audit);
  }

  // --- showing the state -------------------------------------------------------------------

  function setValue(field, value) { if (field.value !== value) field.value = value; } // keeps the caret where it is
  function setWords(node, text) { if (node.textContent !== text) node.textContent = text; } // unchanged, nothing to lay out

  // Puts the current record into the form, then updates everything derived from it.
  function show(audit) {
    var record = current(audit);
    audit.items.forEach(function (item) {
      var entry = entryOf(record.answers, item.id) || {};
      item.radios.forEach(function (radio) { radio.checked = radio.value === entry.answer; });
      item.texts.forEach(function (text) { setValue(text.area, entry[text.field] || ""); });
    });
    audit.details.forEach(function (detail) { setValue(detail.field, has(record.details, detail.id) ? record.details[detail.id] : ""); });
    setValue(audit.labelInput, record.label);
    showRemoved(audit, record.answers);
    showAddress(audit);
    update(audit);
  }

  function itemLink(item, words) {
    var line = element("li"), link = element("a", (item.number ? item.number + " " : "") + item.text);
    link.href = "#" + item.box.id;
    line.appendChild(link);
    if (words) line.appendChild(document.createTextNode(" " + words));
    return line;
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
    var late = changedAfterSignOff(audit.details, record);
    audit.times.textContent = "Created " + when(record.created) + " · last changed " + when(record.updated) +
      (late ? " · ⚠ changed after its sign-off on " + day(late) : "");

    var tally = map(), labels = map(), labelOrder = [], still = [];
    audit.items.forEach(function (item) {
      var entry = entryOf(answers, item.id), state = itemState(item, entry);
      var message = { "needs-recheck": "⚠ This question has changed since it was answered: please re-check the answer.",
        "needs-reason": "⚠ Say why this item does not apply: a reason is needed for “Not applicable”." }[state];
      if (item.box.dataset.state !== state) item.box.dataset.state = state; // unchanged, styles need no new look
      item.status.classList.toggle("gs-item__status--shown", !!message);
      var words = item.statusWords, reasonField = item.reasonField;
      if (words.textContent !== (message || "")) words.textContent = message || ""; // a live region: announced
      item.recheck.hidden = state !== "needs-recheck" || !checkedRadio(item);
      if (reasonField) {
        if (state === "needs-reason") {
          reasonField.setAttribute("aria-invalid", "true");
          reasonField.setAttribute("aria-describedby", words.id);
        } else {
          reasonField.removeAttribute("aria-invalid");
          reasonField.removeAttribute("aria-describedby");
        }
      }
      var key = state === "answered" || state === "not-applicable" ? entry.answer : state;
      item.options.forEach(function (o) {
        if (!labels[o.id]) { labels[o.id] = o.label; labelOrder.push(o.id); }
      });
      tally[key] = (tally[key] || 0) + 1;
      if (state === "unanswered" || state === "needs-reason" || state === "needs-recheck") {
        still.push(itemLink(item, { "needs-reason": "(answered “Not applicable”: the reason is still to give)",
          "needs-recheck": "(to re-check: the question has changed since it was answered)" }[state]));
      }
    });

    audit.sections.forEach(function (section) {
      var progress = progressOf(section.items, answers);
      section.line.hidden = false;
      section.bar.max = Math.max(progress.applicable, 1);
      section.bar.value = progress.answered;
      section.words.textContent = progress.answered + " of " + progress.applicable + " applicable items answered";
    });

    var progress = progressOf(audit.items, answers);
    var rating = rate(audit.rating, audit.items, answers);
    audit.progress.max = Math.max(progress.applicable, 1);
    audit.progress.value = progress.answered;
    var status = progressText(progress);
    if (audit.rating) status += rating ? " Rating: " + rating.label + "." : " Not yet rated.";
    if (audit.status.textContent !== status) audit.status.textContent = status; // announced politely

    audit.summary.textContent = "";
    labelOrder.concat(["needs-reason", "needs-recheck", "unanswered"]).forEach(function (key) {
      var name = { "needs-reason": "Not applicable, reason still to give", "needs-recheck": "To re-check",
        unanswered: "Not yet answered" }[key] || labels[key];
      if (tally[key]) audit.summary.appendChild(element("li", name + ": " + tally[key]));
    });
    if (audit.ratingLine) {
      audit.ratingLine.textContent = "";
      audit.ratingLine.appendChild(element("strong", "Rating: " + (rating ? rating.label : "not yet rated")));
      audit.ratingLine.appendChild(document.createTextNode(rating ? ". " + rating.explain : ". Every applicable item " +
        "must be answered first: " + (progress.applicable - progress.answered) + " still to answer."));
    }
    var against = answersAgainst(audit.rating, audit.items, answers);
    audit.againstList.textContent = "";
    against.forEach(function (item) {
      var option = item.options.filter(function (o) { return o.id === answers[item.id].answer; })[0];
      audit.againstList.appendChild(itemLink(item, "— answered “" + (option ? option.label : answers[item.id].answer) +
        "”" + (item.critical ? " (critical)" : "")));
    });
    audit.against.hidden = !against.length;
    audit.stillList.textContent = "";
    still.forEach(function (line) { audit.stillList.appendChild(line); });
    audit.still.hidden = !still.length;
    showScore(audit, answers, progress);
    var early = signOffWarning(audit, record, still.length);
    if (audit.signOffWarning) {
      // Said where the supervisor signs, too: once the open items were answered, only the line of times told.
      var beside = [early, late ? "Answers changed after this sign-off on " + day(late) + ": it does not cover the " +
        "record as it is now. To sign off again, clear the date of sign-off and enter it again." : ""].filter(Boolean);
      audit.signOffWarning.hidden = !beside.length;
      audit.signOffWarning.textContent = beside.map(function (words) { return "⚠ " + words; }).join(" ");
    }
    showForPrint(audit, record, progress, rating, late, early);
  }

  // The record's date of sign-off (YYYY-MM-DD), or "" when none is given. `details`: the checklist's record
  // details, a sign-off date marked `signOff` (this page's and My audits' alike).
  function signOffDate(details, record) {
    var given = record.details || {};
    var dated = details.filter(function (detail) { return detail.signOff && given[detail.id]; })[0];
    var signedOff = dated ? given[dated.id] : "";
    return /^\d{4}-\d{2}-\d{2}$/.test(signedOff) ? signedOff : "";
  }

  // The moment an answer, note or reason of the record last changed (ISO), or "".
  function answersChanged(record) {
    var latest = "", answers = record.answers || {};
    Object.keys(answers).forEach(function (id) { if ((answers[id].updated || "") > latest) latest = answers[id].updated; });
    return latest;
  }

  // The sign-off date of a record whose answers changed after it, or "": the supervisor signed off other answers.
  // After it: later than the moment the date was entered here (a change that same day counts), or on a later day
  // than the date says (a record imported without that moment, or a date entered after the changes).
  function changedAfterSignOff(details, record) {
    var signedOff = signOffDate(details, record), changed = answersChanged(record);
    if (!signedOff || !changed) return "";
    var given = record.details || {};
    var dated = details.filter(function (detail) { return detail.signOff && given[detail.id] === signedOff; })[0];
    var entered = (record.details_updated || {})[dated.id] || "";
    return (entered && changed > entered) || localDate(changed) > signedOff ? signedOff : "";
  }

  // What a sign-off does not cover, in words, or "": items still open when it was given, or a date before the
  // record was started (a slip, or a sign-off copied from another record). A signature on paper must not seem
  // to vouch for an unfinished audit.
  function signOffWarning(audit, record, open) {
    var signedOff = signOffDate(audit.details, record), started = localDate(record.created);
    if (!signedOff) return "";
    if (signedOff < started) return "Signed off on " + day(signedOff) + ", before this record was started on " + day(started) + ": check the date.";
    return open ? "Signed off on " + day(signedOff) + " with " + open + (open === 1 ? " item" : " items") +
      " still to answer or to complete: the sign-off does not cover " + (open === 1 ? "it." : "them.") : "";
  }

  // Where the checklist defines one: the share of applicable items answered with an answer that meets the standard.
  function showScore(audit, answers, progress) {
    if (!audit.score) return;
    var met = JSON.parse(audit.score.dataset.scoreMet);
    var count = audit.items.filter(function (item) {
      var entry = entryOf(answers, item.id);
      return itemState(item, entry) === "answered" && met.indexOf(entry.answer) >= 0;
    }).length;
    var share = progress.applicable ? Math.round(100 * count / progress.applicable) : 0;
    audit.score.textContent = "";
    audit.score.appendChild(element("strong", audit.score.dataset.scoreLabel + ": "));
    audit.score.appendChild(document.createTextNode(count + " of " + plural(progress.applicable, "applicable item") +
      " (" + share + "%)" + (progress.answered < progress.applicable ? ", so far: " +
      (progress.applicable - progress.answered) + " still to answer." : ".")));
  }

  function progressText(progress) {
    return progress.answered + " of " + progress.applicable + " applicable items answered" +
      (progress.total > progress.applicable ? " (" + (progress.total - progress.applicable) + " not applicable)." : ".");
  }

  // Answers to items no longer in the checklist change only with the record, not with each answer.
  function showRemoved(audit, answers) {
    var removed = Object.keys(answers).filter(function (id) { return !audit.byId[id] && !isEmptyEntry(answers[id]); });
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

  // What paper shows (print.css): a record's answers in words, its notes in full and its details on
  // the write-in lines, since a tick box says nothing in a PDF's text and a textarea prints only what
  // fits in it. A record with something in it prints as a record, anything else as a blank form,
  // unless a print button says. `late` is the sign-off date of a record changed since (changedAfterSignOff),
  // `early` what the sign-off does not cover (signOffWarning).
  function showForPrint(audit, record, progress, rating, late, early) {
    var answers = record.answers;
    audit.items.forEach(function (item) {
      var entry = entryOf(answers, item.id) || {}, state = itemState(item, entryOf(answers, item.id));
      var option = item.options.filter(function (o) { return o.id === entry.answer; })[0];
      var words = state === "unanswered" ? "not yet given" : (option ? option.label : entry.answer) +
        ({ "needs-reason": " (the reason is still to give)",
          "needs-recheck": " (to re-check: the question has changed since it was answered)" }[state] || "");
      setWords(item.printAnswer, "Answer: " + words);
      item.texts.forEach(function (text) { setWords(text.print, entry[text.field] || ""); });
    });
    var printing = audit.printAs || (hasContent(record) ? "record" : "blank");
    audit.printDetails.forEach(function (line) {
      var id = line.dataset.gsPrintDetail, value = printing === "record" && has(record.details, id) ? record.details[id] : "";
      var isDate = audit.details.some(function (detail) { return detail.id === id && detail.kind === "date"; });
      setWords(line, isDate ? day(value) : value);
    });
    var box = audit.printRecord;
    box.textContent = "";
    var lines = [["Record: ", record.label || "(no label)"],
      ["", "Created " + when(record.created) + " · last changed " + when(record.updated)]];
    if (late) lines.push(["⚠ Changed after sign-off: ", "signed off on " + day(late) + ", answers last changed " + when(answersChanged(record)) + "."]);
    if (early) lines.push(["⚠ Sign-off: ", early]);
    lines.push(["Progress: ", progressText(progress)]);
    if (audit.rating) {
      lines.push(["Rating: ", rating ? rating.label + ". " + rating.explain : "not yet rated: every applicable item must be answered first."]);
    }
    lines.push(["Printed: ", when(now())]);
    lines.forEach(function (line) {
      var paragraph = element("p");
      if (line[0]) paragraph.appendChild(element("strong", line[0]));
      paragraph.appendChild(document.createTextNode(line[1]));
      box.appendChild(paragraph);
    });
    box.lastChild.className = "gs-printed-at"; // set again as printing starts (see below)
    audit.form.dataset.gsPrint = printing;
    // The label alone may be "Record 2" on several records; when it was created ties a loose page to page 1.
    audit.form.dataset.gsPageRecord = printing === "record"
      ? "Record “" + (record.label || "(no label)") + "”, created " + when(record.created) : "";
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

  // --- setting up a page -------------------------------------------------------------------

  function patternsOf(form) {
    return (readJson(form.dataset.personalDataPatterns) || []).map(function (p) {
      try { return { label: p.label, regex: new RegExp(p.pattern) }; } catch (error) { return null; }
    }).filter(Boolean);
  }

  // What checklist-transfer.js and checklist-recovery.js (and any later part) may use.
  var tools = Object.freeze({
    LIMITS: LIMITS, ITEM_ID: ITEM_ID, map: map, has: has, each: each, now: now, element: element, readJson: readJson,
    plural: plural, when: when, say: say, ask: ask, save: save, show: show, current: current, allRecords: allRecords,
    freeLabel: freeLabel, newId: newId, forget: forget, setAddress: setAddress, cleanRecord: cleanRecord, carryOver: carryOver,
    itemState: itemState, entryOf: entryOf, unknownAnswer: unknownAnswer, clashQuestion: clashQuestion, clashLine: clashLine,
    notAnExport: notAnExport, sameContent: sameContent, progressOf: progressOf, rate: rate, isEmptyEntry: isEmptyEntry,
    localDate: localDate, saveFile: saveFile, exportedDetails: exportedDetails, mergeState: mergeState, storage: storage, asideKeys: asideKeys,
    unfinishedNote: unfinishedNote
  });

  function setUp(form) {
    // The form's parts, each the first element of its name, found in one pass over the form (not one a part).
    var parts = map();
    each(form.querySelectorAll("[data-gs]"), function (node) {
      var name = node.getAttribute("data-gs");
      if (!parts[name]) parts[name] = node;
    });
    var part = function (name) { return parts[name] || null; };
    var audit = {
      form: form, id: form.dataset.checklistId, title: form.dataset.checklistTitle,
      prefix: form.dataset.recordsPrefix || EARLIER_PREFIX, items: readItems(form), byId: map(), details: readDetails(form),
      rating: readJson(form.dataset.rating), renames: readJson(form.dataset.renamedItems), patterns: patternsOf(form),
      select: part("record-select"), labelInput: part("record-label"), times: part("record-times"),
      address: part("record-address"), progress: part("progress"), status: part("status"), messages: part("messages"),
      recovery: part("recovery"), summary: part("summary"), ratingLine: part("rating"), score: part("score"),
      against: part("against"), againstList: part("against-list"), still: part("still"), stillList: part("still-list"),
      removed: part("removed"), removedList: part("removed-list"),
      importField: part("import"), recordsConfirm: part("records-confirm"), transferConfirm: part("transfer-confirm"),
      transferMessages: part("transfer-messages"), printRecord: part("print-record"),
      recordMessages: part("record-messages") || part("messages"), signOffWarning: part("sign-off-warning"),
      printDetails: Array.prototype.slice.call(form.querySelectorAll("[data-gs-print-detail]")),
      actions: map(), // what other parts add for this form
      waiting: map() // actions asked for before their part's script came
    };
    audit.key = audit.prefix + audit.id;
    audit.items.forEach(function (item) { audit.byId[item.id] = item; });
    audit.sections = readSections(form, audit.items);
    audit.state = load(audit);
    var asked = recordInAddress();
    if (asked !== null && recordById(audit, asked)) audit.state.current = asked;
    form.addEventListener("submit", function (event) { event.preventDefault(); }); // Enter must not reload the page
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target === audit.select) {
        forgetRecordMessages(audit);
        audit.state.current = target.value;
        audit.draft = null;
        save(audit);
        show(audit);
        setAddress(audit);
      } else if (target.type === "radio") {
        setAnswer(audit, target);
      } else if (target === audit.importField) {
        var file = target.files[0];
        target.value = ""; // the same file may be chosen again
        if (file) act(audit, "import", target, file);
      }
    });
    // Export and import come with their script on first use: focus or a press starts loading it.
    form.addEventListener("focusin", loadOnUse);
    form.addEventListener("pointerdown", loadOnUse);
    form.addEventListener("input", function (event) {
      var target = event.target;
      if (target === audit.labelInput) rename(audit, target.value);
      else if (target.dataset.gsDetail) setDetail(audit, target);
      else if (target.tagName === "TEXTAREA" && target.closest(".gs-item")) setText(audit, target);
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-gs-action]");
      if (button) act(audit, button.dataset.gsAction, button, button);
    });
    part("audit").hidden = false;
    part("result").hidden = false;
    audits.push(audit);
    extensions.forEach(function (extend) { extend(audit, tools); });
    show(audit);
    showRecovery(audit);
    if (asked !== null) openFromAddress(audit); // says so if the record is not kept here
    fetchWhenIdle(form.querySelector("[data-gs-script-on-use=checklist-transfer]"));
  }

  // Export and import are not needed to read or answer, so their script is not part of the page's load. It is
  // still fetched once the page is loaded and the browser idle: an auditor whose phone loses the network later
  // can export all the same.
  function fetchWhenIdle(transferPart) {
    if (!transferPart) return;
    var fetchIt = function () { window.guidanceSite.loadScript(transferPart.dataset.gsScriptOnUse); };
    var whenIdle = function () {
      if (window.requestIdleCallback) window.requestIdleCallback(fetchIt, { timeout: 5000 });
      else window.setTimeout(fetchIt, 2000);
    };
    if (document.readyState === "complete") whenIdle();
    else window.addEventListener("load", whenIdle, { once: true });
  }

  // Runs an action of the form. One of a part whose script comes on first use (data-gs-script-on-use:
  // checklist-transfer.js, checklist-recovery.js) runs once that script has added it, so a press before
  // then is not lost.
  function act(audit, name, target, value) {
    var action = audit.actions[name] || actions[name], part = target.closest("[data-gs-script-on-use]");
    if (action) action(audit, value);
    else if (part && !audit.waiting[name]) {
      audit.waiting[name] = true; // a second press meanwhile does not export twice
      window.guidanceSite.loadScript(part.dataset.gsScriptOnUse, function () {
        audit.waiting[name] = false;
        if (audit.actions[name]) audit.actions[name](audit, value);
      }, function () {
        audit.waiting[name] = false;
        say(part.querySelector("[data-gs=transfer-messages]") || audit.messages,
          "This part of the page could not be loaded: check the connection, then try again.", "problem", "on-use");
      });
    }
  }

  function loadOnUse(event) {
    var part = event.target.closest && event.target.closest("[data-gs-script-on-use]");
    if (part) window.guidanceSite.loadScript(part.dataset.gsScriptOnUse);
  }

  // The details a record's export carries, and in a full export when each was entered: without those times, answers
  // changed later the day of a sign-off read as signed off on the computer the record is moved to. For counting,
  // no detail `isPersonal(id)` says is personal, and no times (docs/audit-export-format.md).
  function exportedDetails(record, forCounting, isPersonal) {
    var details = map(), entered = map(), given = isObject(record.details) ? record.details : {};
    var times = isObject(record.details_updated) ? record.details_updated : {};
    Object.keys(given).forEach(function (id) {
      if (!given[id] || (forCounting && isPersonal(id))) return;
      details[id] = given[id];
      if (isText(times[id]) && times[id]) entered[id] = times[id];
    });
    return { details: details, details_updated: forCounting ? undefined : entered };
  }

  // After an export for counting, given each record's progress: those not finished, which Audit results counts as
  // unfinished, or "".
  function unfinishedNote(progresses) {
    var count = progresses.length;
    var unfinished = progresses.filter(function (progress) { return progress && progress.answered < progress.applicable; }).length;
    if (!unfinished) return "";
    var which = count === 1 ? "This record is not" : unfinished === count ? "None of them is" :
      unfinished + " of them " + (unfinished === 1 ? "is" : "are") + " not";
    return " " + which + " finished: Audit results will count " + (unfinished === 1 ? "it" : "them") + " as unfinished, not rated.";
  }

  // On the list of checklists: how many records each has in this browser.
  function countRecords(line) {
    var data;
    var prefix = line.dataset.recordsPrefix || EARLIER_PREFIX, id = line.dataset.gsSavedRecords;
    try {
      adoptEarlier(prefix, id);
      data = readJson(storage().getItem(prefix + id));
    } catch (error) { return; }
    var count = data && Array.isArray(data.records) ? data.records.length : 0;
    line.textContent = count ? plural(count, "audit record") + " kept in this browser" : "";
    line.hidden = !count;
  }

  // Runs fn(audit, tools) for every checklist form set up, now and later (checklist-transfer.js).
  function extend(fn) {
    extensions.push(fn);
    audits.filter(function (audit) { return document.contains(audit.form); }).forEach(function (audit) { fn(audit, tools); });
  }

  // The rules, for the "My audits" page (my-audits.js), so they exist once in the browser.
  window.guidanceAudit = Object.freeze({ adoptEarlier: adoptEarlier, cleanRecord: cleanRecord, carryOver: carryOver, unknownAnswer: unknownAnswer,
    clashQuestion: clashQuestion, clashLine: clashLine, notAnExport: notAnExport, sameContent: sameContent,
    progressOf: progressOf, rate: rate, when: when, day: day, signOffDate: signOffDate, changedAfterSignOff: changedAfterSignOff,
    hasContent: hasContent, addressOf: addressOf, extend: extend, ask: ask, unfinishedNote: unfinishedNote,
    exportedDetails: exportedDetails });

  // When a record is printed, by its button or the browser's menu: the paper says so.
  window.addEventListener("beforeprint", function () {
    audits.forEach(function (audit) {
      var stamp = audit.printRecord && audit.printRecord.querySelector(".gs-printed-at");
      if (stamp) stamp.lastChild.textContent = when(now());
    });
  });
  window.addEventListener("storage", onStorage);
  window.addEventListener("hashchange", onAddressChange);

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
