/* The progress matrix: filter by area and status, and reorder, in the page itself (no network).
   The table is complete without this script; it only shows the controls and hides or moves rows.
   The choices are kept in the page's address (?area=…&status=…&order=…), so a filtered view can be
   bookmarked or sent, and survives a reload. Runs after Material's instant navigation too; a table is
   bound once. */
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // Each ordering compares two rows; ties keep the published order.
  var ORDERS = {
    due: function (a, b) { return compareText(a.dataset.due, b.dataset.due); },
    status: function (a, b) { return Number(a.dataset.statusRank) - Number(b.dataset.statusRank); },
    overdue: function (a, b) { return (b.dataset.overdue === "true") - (a.dataset.overdue === "true"); }
  };
  var SORTED_COLUMN = { due: "due", status: "status", overdue: "status" };

  // The address names each choice by its control's data attribute; a default choice is left out.
  var ADDRESS_KEYS = { area: '[data-filter="area"]', status: '[data-filter="status"]', order: "[data-sort]" };

  function choicesFromAddress(controls) {
    var query = new URLSearchParams(window.location.search);
    Object.keys(ADDRESS_KEYS).forEach(function (key) {
      var select = controls.querySelector(ADDRESS_KEYS[key]);
      var wanted = query.get(key);
      var known = select && wanted !== null && Array.prototype.some.call(select.options, function (option) {
        return option.value === wanted;
      });
      if (known) select.value = wanted; // an unknown value (an old link, a typo) leaves the default
    });
  }

  function keepChoicesInAddress(controls) {
    var url = new URL(window.location.href);
    Object.keys(ADDRESS_KEYS).forEach(function (key) {
      var select = controls.querySelector(ADDRESS_KEYS[key]);
      if (select && select.selectedIndex > 0) url.searchParams.set(key, select.value);
      else url.searchParams.delete(key);
    });
    if (url.href === window.location.href) return;
    try {
      // Replaced, not pushed: Back leaves the page rather than stepping through each choice.
      window.history.replaceState(window.history.state, "", url.href);
    } catch (error) {
      // Some browsers refuse to change the address of a page opened from a folder: the view still works.
    }
  }

  function compareText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function published(a, b) { return Number(a.dataset.order) - Number(b.dataset.order); }

  function bind(table) {
    if (table.dataset.gsMatrixBound) return;
    var controls = document.querySelector('[data-matrix-controls="' + table.id + '"]');
    if (!controls) return;
    table.dataset.gsMatrixBound = "true";
    var rows = Array.prototype.slice.call(table.querySelectorAll("tr[data-recommendation]"));
    var groups = table.querySelectorAll("tbody[data-area-group]");
    var flat = document.createElement("tbody");
    flat.className = "gs-matrix__flat";
    flat.hidden = true;
    table.appendChild(flat);
    var area = controls.querySelector('[data-filter="area"]');
    var status = controls.querySelector('[data-filter="status"]');
    var order = controls.querySelector("[data-sort]");
    var count = controls.querySelector("[data-matrix-count]");
    var empty = document.querySelector("[data-matrix-empty]");
    var filterNote = document.querySelector("[data-matrix-filter-note]");
    var footer = document.querySelector("[data-gs-page-footer]");
    var orderWords = table.querySelector("[data-matrix-order]"), byArea = orderWords ? orderWords.textContent : "";

    function matches(row) {
      if (area && area.value && row.dataset.area !== area.value) return false; // one area: no area filter
      if (status.value === "overdue") return row.dataset.overdue === "true";
      return !status.value || row.dataset.status === status.value;
    }

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        row.hidden = !matches(row);
        if (!row.hidden) shown += 1;
      });
      var compare = ORDERS[order.value];
      if (compare) {
        // Across areas: one list, each row naming its area.
        rows.slice().sort(function (a, b) { return compare(a, b) || published(a, b); })
          .forEach(function (row) { flat.appendChild(row); });
        each(groups, function (group) { group.hidden = true; });
        flat.hidden = false;
      } else {
        rows.slice().sort(published).forEach(function (row) {
          table.querySelector('tbody[data-area-group="' + row.dataset.area + '"]').appendChild(row);
        });
        each(groups, function (group) {
          group.hidden = !group.querySelector("tr[data-recommendation]:not([hidden])");
        });
        flat.hidden = true;
      }
      table.classList.toggle("gs-matrix--flat", !!compare);
      // The caption says the order the rows are in: not "by area" once they are by due date.
      if (orderWords) {
        var chosenOrder = order.selectedOptions[0].textContent;
        orderWords.textContent = compare ? chosenOrder.charAt(0).toLowerCase() + chosenOrder.slice(1) : byArea;
      }
      each(table.querySelectorAll("thead th[data-column]"), function (th) {
        if (th.dataset.column === SORTED_COLUMN[order.value]) th.setAttribute("aria-sort", "ascending");
        else th.removeAttribute("aria-sort");
      });
      // Saying which choices made it: the line is also what a printed, filtered matrix says of itself.
      var chosen = [area, status].filter(function (field) { return field && field.value; }).map(function (field) {
        return field.labels[0].textContent + ": " + field.selectedOptions[0].textContent;
      });
      if (order.selectedIndex > 0) chosen.push("order: " + order.selectedOptions[0].textContent);
      count.textContent = "Showing " + shown + " of " + rows.length + " recommendations" +
        (chosen.length ? " (" + chosen.join("; ") + ")." : ".");
      if (empty) empty.hidden = shown > 0;
      // ... and at the foot of every printed page, so that a loose sheet says it is not the whole matrix.
      if (footer) footer.dataset.gsPageRecord = chosen.length ? count.textContent : "";
      if (filterNote) {
        var filtered = [area, status].some(function (field) { return field && field.value; });
        filterNote.hidden = !filtered;
        filterNote.textContent = filtered ? "This summary counts every recommendation. The list of recommendations " +
          "after it is filtered: " + count.textContent.charAt(0).toLowerCase() + count.textContent.slice(1) : "";
      }
    }

    controls.addEventListener("change", function () {
      apply();
      keepChoicesInAddress(controls);
    });
    controls.addEventListener("submit", function (event) { event.preventDefault(); });
    choicesFromAddress(controls);
    controls.hidden = false;
    apply();
  }

  // On paper, every sub-point list and history is open; as it was, after printing.
  function openDetailsForPrint() {
    if (document.documentElement.dataset.gsMatrixPrint) return;
    document.documentElement.dataset.gsMatrixPrint = "bound";
    var opened = [];
    window.addEventListener("beforeprint", function () {
      each(document.querySelectorAll(".gs-matrix details:not([open])"), function (details) {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) { details.open = false; });
      opened = [];
    });
  }

  function start() {
    each(document.querySelectorAll("table[data-matrix]"), bind);
    openDetailsForPrint();
  }

  window.guidanceSite.onEveryPage(start); // guidance.js, loaded first, defines it
})();
