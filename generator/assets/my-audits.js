/* "My audits": every audit record kept in this browser, across all checklists, with its
   progress and rating, linking back to its checklist. Reads localStorage and never writes it
   (only checklist pages do, see docs/audit-export-format.md); nothing is sent anywhere. Progress and rating come from checklist.js (window.guidanceAudit), so the
   rules exist once in the browser. Runs after Material's instant navigation too. */
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function cell(row, tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    row.appendChild(node);
    return node;
  }

  function checklistsOnPage(root) {
    var known = {};
    each(root.querySelectorAll("[data-checklist-id]"), function (node) {
      var data = null;
      try { data = JSON.parse(node.dataset.checklist); } catch (error) { /* left without progress */ }
      known[node.dataset.checklistId] = { title: node.dataset.checklistTitle, url: node.dataset.checklistUrl, data: data };
    });
    return known;
  }

  // [{checklistId, state}] for each checklist with saved records, and how many saved copies could not be read.
  function savedStates(storage, prefix, rules) {
    var found = [], unreadable = 0;
    for (var i = 0; i < storage.length; i += 1) {
      var key = storage.key(i);
      if (!key || key.indexOf(prefix) !== 0) continue;
      var checklistId = key.slice(prefix.length);
      var state = null;
      try { state = JSON.parse(storage.getItem(key)); } catch (error) { state = null; }
      var records = state && Array.isArray(state.records) ? state.records.map(rules.cleanRecord) : null;
      if (checklistId.indexOf(":") >= 0 || !records || records.indexOf(null) >= 0) {
        unreadable += 1; // a copy set aside by a checklist page, or data this page cannot read
        continue;
      }
      found.push({ checklistId: checklistId, records: records });
    }
    return { found: found, unreadable: unreadable };
  }

  function addRow(body, saved, record, checklist, rules) {
    var row = document.createElement("tr");
    row.dataset.recordId = record.id;
    row.dataset.checklistId = saved.checklistId;
    var name = cell(row, "th");
    name.scope = "row";
    var label = record.label || "(no label)";
    if (checklist) {
      var link = document.createElement("a");
      link.href = checklist.url;
      link.textContent = label;
      name.appendChild(link);
    } else {
      name.textContent = label;
    }
    cell(row, "td", checklist ? checklist.title : saved.checklistId + " (no longer on this site)");
    cell(row, "td", rules.when(record.updated));
    var data = checklist && checklist.data;
    if (data) {
      var progress = rules.progressOf(data.items, record.answers);
      cell(row, "td", progress.answered + " of " + progress.applicable + " applicable items" +
        (progress.answered === progress.applicable ? " (complete)" : ""));
      var rating = rules.rate(data.rating, data.items, record.answers);
      cell(row, "td", !data.rating ? "No rating for this checklist" : rating ? rating.label : "Not yet rated");
    } else {
      cell(row, "td", "–");
      cell(row, "td", "–");
    }
    body.appendChild(row);
  }

  function show(root) {
    if (root.dataset.gsBound) return;
    root.dataset.gsBound = "true";
    var status = root.querySelector("[data-my-audits-status]");
    var table = root.querySelector("[data-my-audits-table]");
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
    var known = checklistsOnPage(root);
    var saved = savedStates(storage, root.dataset.storagePrefix, rules);
    var rows = [];
    saved.found.forEach(function (entry) {
      entry.records.forEach(function (record) { rows.push({ saved: entry, record: record }); });
    });
    rows.sort(function (a, b) { return a.record.updated < b.record.updated ? 1 : a.record.updated > b.record.updated ? -1 : 0; });
    var body = table.tBodies[0];
    body.textContent = "";
    rows.forEach(function (row) {
      addRow(body, row.saved, row.record, known[row.saved.checklistId], rules);
    });
    table.hidden = !rows.length;
    var checklists = saved.found.filter(function (entry) { return entry.records.length; }).length;
    status.textContent = rows.length
      ? rows.length + " record" + (rows.length === 1 ? "" : "s") + " for " + checklists + " checklist" +
        (checklists === 1 ? "" : "s") + " kept in this browser, most recently changed first."
      : "No audit records are kept in this browser yet. Records you start on a checklist page appear here.";
    if (saved.unreadable) {
      status.textContent += " " + saved.unreadable + " saved cop" + (saved.unreadable === 1 ? "y" : "ies") +
        " could not be read and " + (saved.unreadable === 1 ? "is" : "are") + " left untouched.";
    }
  }

  function start() {
    each(document.querySelectorAll("[data-my-audits]"), show);
  }

  window.guidanceSite.onEveryPage(start); // guidance.js, loaded first, defines it
})();
