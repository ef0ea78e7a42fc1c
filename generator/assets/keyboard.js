/* Keyboard use of the theme's own parts (WCAG 2.1.1, 2.4.3, 2.4.7, 2.4.11, 4.1.2), on every page.

   Below 1220 px Material's menu is a drawer opened by a <label for="__drawer">, which takes no
   focus, while every link of the closed drawer still does, off-screen. Here the label becomes a
   named button (Enter or Space), the closed drawer is inert, the open one holds the focus like a
   dialog (the page behind it is inert; Escape closes it and focus goes back to the button), and
   inside it only the panel on show takes focus. Below 960 px the search's magnifier becomes a
   button in the same way, and the closed search's field takes no focus. Also: Tab moves through the
   search's results (Material closed the search), the search closes when focus leaves it (its overlay
   would cover what is focused), a focused table cell is kept clear of the table's sticky first
   column, tab stops nobody can see are taken out, and the menu's section landmarks are named. Runs on every page (idempotent); listeners are bound once, on the document,
   so they survive instant navigation. See docs/accessibility.md and tests/test_keyboard.py. */
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 76.234375em)"); // Material's drawer breakpoint (1220 px)
  var NARROW_SEARCH = window.matchMedia("(max-width: 59.984375em)"); // ... and its search's (960 px)
  var FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex], label[for]";

  function searchToggle() { return document.getElementById("__search"); }
  function searchButton() { return document.querySelector(".md-header label.md-header__button[for='__search']"); }
  function searchIsOpen() { var toggle = searchToggle(); return !!(toggle && toggle.checked); }
  function drawerToggle() { return document.getElementById("__drawer"); }
  function menuButton() { return document.querySelector(".md-header label.md-header__button[for='__drawer']"); }
  function drawer() { return document.querySelector(".md-sidebar--primary"); }
  function drawerIsOpen() { var toggle = drawerToggle(); return !!(toggle && toggle.checked); }

  // Change tabindex and remember the theme's own, so it can be put back (for instance on a wider window).
  function setTabStop(element, value) {
    if (!element.hasAttribute("data-gs-tabindex")) {
      element.setAttribute("data-gs-tabindex", element.hasAttribute("tabindex") ? element.getAttribute("tabindex") : "none");
    }
    element.setAttribute("tabindex", value);
  }
  function restoreTabStop(element) {
    var original = element.getAttribute("data-gs-tabindex");
    if (original === null) return;
    if (original === "none") element.removeAttribute("tabindex");
    else element.setAttribute("tabindex", original);
    element.removeAttribute("data-gs-tabindex");
  }

  function setInert(element, inert) {
    if (inert && !element.inert) {
      element.inert = true;
      element.setAttribute("data-gs-inert", "");
    } else if (!inert && element.hasAttribute("data-gs-inert")) {
      element.inert = false;
      element.removeAttribute("data-gs-inert");
    }
  }

  // The text of a section in the menu: the link beside its toggle, or the toggle's own words.
  function sectionTitle(toggleLabel) {
    var container = toggleLabel.closest(".md-nav__container");
    var link = container && container.querySelector("a");
    return ((link || toggleLabel).textContent || "").replace(/\s+/g, " ").trim();
  }

  function setToggle(toggle, checked) {
    if (!toggle || toggle.checked === checked) return;
    toggle.checked = checked;
    toggle.dispatchEvent(new Event("change", { bubbles: true })); // Material follows the toggles' change events
  }

  // On a narrow screen the search is a magnifier (a label) that opens a full-screen search; closed,
  // its field is off-screen yet took focus, and opened an overlay that stayed over the page.
  // (Zensical's search is a dialog of its own, with no such field: its magnifier, which opens it through
  // the same toggle, is made a button all the same.)
  function applySearchState() {
    var button = searchButton();
    var input = document.querySelector(".md-search__input");
    if (!button) return;
    if (NARROW_SEARCH.matches) {
      button.setAttribute("role", "button");
      button.setAttribute("tabindex", "0");
      button.setAttribute("aria-label", "Search");
      button.setAttribute("aria-expanded", searchIsOpen() ? "true" : "false");
      if (!input) return;
      if (searchIsOpen()) restoreTabStop(input);
      else setTabStop(input, "-1");
    } else if (input) {
      restoreTabStop(input);
    }
  }

  function onFocusOut(event) {
    var search = document.querySelector(".md-search");
    if (searchIsOpen() && search && search.contains(event.target) &&
        event.relatedTarget && !search.contains(event.relatedTarget)) {
      setToggle(searchToggle(), false); // focus went on into the page: the search's overlay would cover it
    }
  }

  // A focused cell of a table that scrolls sideways must not slide under its sticky first column.
  function onFocusIn(event) {
    var target = event.target;
    var scroller = target && target.closest && target.closest(".gs-table-scroll");
    var row = scroller && target.closest("tr");
    var sticky = row && row.querySelector("th[scope=row]");
    if (!sticky || sticky.contains(target) || getComputedStyle(sticky).position !== "sticky") return;
    var overlap = sticky.getBoundingClientRect().right - target.getBoundingClientRect().left;
    if (overlap > 0) scroller.scrollLeft -= overlap + 8;
  }

  // The drawer's panels slide sideways; focus on a link of a panel still sliding in would make the
  // browser scroll the drawer sideways to it, throwing the menu out of sight. Nothing in it scrolls sideways.
  function keepDrawerInPlace(event) {
    var target = event.target;
    if (target && target.nodeType === 1 && target.scrollLeft && NARROW.matches && drawer() && drawer().contains(target)) {
      target.scrollLeft = 0;
    }
  }

  function nameTheMenuButton() {
    var button = menuButton();
    if (!button) return;
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", "Menu");
    button.setAttribute("aria-expanded", drawerIsOpen() ? "true" : "false");
  }

  // A section of the menu with its own index page is labelled by an icon alone: its landmark has
  // no name. It takes the section's title, so each navigation landmark has a name of its own.
  function nameMenuSections() {
    Array.prototype.forEach.call(document.querySelectorAll("nav.md-nav[aria-labelledby]"), function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      if (label && !label.textContent.trim() && !nav.hasAttribute("aria-label")) {
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", sectionTitle(label));
      }
    });
    var primary = document.querySelector("nav.md-nav--primary");
    if (primary && primary.getAttribute("aria-label") === "Navigation") primary.setAttribute("aria-label", "Menu");
    var tocs = document.querySelectorAll(".md-nav--primary nav.md-nav--secondary[aria-label='Table of contents']");
    Array.prototype.forEach.call(tocs, function (toc) { toc.setAttribute("aria-label", "Table of contents (menu)"); });
  }

  // Tab stops nobody can see: an element hidden from assistive technology yet focusable (the theme's
  // single colour-scheme option). (The closed search's results box is hidden by guidance.css.)
  function removeInvisibleTabStops() {
    Array.prototype.forEach.call(document.querySelectorAll("[aria-hidden=true]"), function (hidden) {
      var inside = [hidden].concat(Array.prototype.slice.call(hidden.querySelectorAll(FOCUSABLE)));
      inside.forEach(function (element) { if (element.matches(FOCUSABLE)) element.setAttribute("tabindex", "-1"); });
    });
  }

  // The nested menu on a narrow screen shows one panel at a time: the top level, a section, or the
  // page's own table of contents, each a <nav> beside a checkbox that slides it in. The panel on show
  // is the deepest one whose checkbox is checked (the page's own section when the drawer opens).
  function isPanel(nav) {
    return nav.classList.contains("md-nav--primary") ||
      !!(nav.parentElement && nav.parentElement.querySelector(":scope > input.md-nav__toggle"));
  }

  function panelOf(element) {
    var nav = element.closest("nav.md-nav");
    while (nav && !isPanel(nav)) nav = nav.parentElement.closest("nav.md-nav");
    return nav;
  }

  function panelOnShow(root) {
    var panel = root.querySelector("nav.md-nav--primary");
    if (!panel) return null;
    for (;;) {
      var deeper = null;
      var toggles = panel.querySelectorAll(":scope > .md-nav__list > .md-nav__item > input.md-nav__toggle");
      for (var i = 0; i < toggles.length; i += 1) {
        var nav = toggles[i].parentElement.querySelector(":scope > nav.md-nav");
        if (toggles[i].checked && nav) { deeper = nav; break; }
      }
      if (!deeper) return panel;
      panel = deeper;
    }
  }

  // Only the panel on show takes focus; its back arrow and the arrows into its sections become buttons.
  function limitFocusToPanel(sidebar) {
    var panel = panelOnShow(sidebar);
    Array.prototype.forEach.call(sidebar.querySelectorAll(FOCUSABLE), function (element) {
      if (element.matches("input")) {
        setTabStop(element, "-1"); // the toggles behind the labels
        return;
      }
      var own = panelOf(element) === panel;
      var title = element.matches("label.md-nav__title");
      var opener = element.matches("label.md-nav__link[for]");
      if (title) own = element.parentElement === panel && !element.matches("[for='__drawer']");
      if (!own) {
        setTabStop(element, "-1");
        return;
      }
      if (title || opener) {
        setTabStop(element, "0");
        element.setAttribute("role", "button");
        if (title) {
          var parent = panelOf(panel.parentElement);
          var parentName = parent && parent.classList.contains("md-nav--primary") ? "the menu" : "";
          element.setAttribute("aria-label", "Back to " + (parentName || "the section above") +
            " (from " + element.textContent.replace(/\s+/g, " ").trim() + ")");
        } else if (element.getAttribute("for") === "__toc") {
          element.setAttribute("aria-label", "Contents of this page: " + sectionTitle(element));
          element.setAttribute("aria-expanded", "false");
        } else {
          element.setAttribute("aria-label", "Open the section " + sectionTitle(element));
          element.setAttribute("aria-expanded", "false");
        }
      } else {
        restoreTabStop(element);
      }
    });
    // A list longer than its panel scrolls, and Chromium lets a scroller with nothing focusable left in it
    // take focus itself: the lists of the panels not on show leave the tab order too.
    Array.prototype.forEach.call(sidebar.querySelectorAll(".md-nav__list"), function (list) {
      if (panelOf(list) === panel) restoreTabStop(list);
      else setTabStop(list, "-1");
    });
  }

  function releaseDrawer(sidebar) {
    Array.prototype.forEach.call(sidebar.querySelectorAll("[data-gs-tabindex]"), restoreTabStop);
    Array.prototype.forEach.call(sidebar.querySelectorAll("label[role=button]"), function (label) {
      label.removeAttribute("role");
      label.removeAttribute("aria-label");
      label.removeAttribute("aria-expanded");
    });
  }

  // Everything beside the open drawer, but the controls that close it (the toggle, the overlay).
  function besideDrawer(sidebar) {
    var beside = [];
    for (var node = sidebar; node && node !== document.body; node = node.parentElement) {
      Array.prototype.forEach.call(node.parentElement.children, function (sibling) {
        if (sibling !== node && !sibling.matches("input, label.md-overlay, script, style, link")) beside.push(sibling);
      });
    }
    return beside;
  }

  var drawerWasOpen = null;

  function applyDrawerState() {
    var sidebar = drawer();
    var button = menuButton();
    if (!sidebar) return;
    var narrow = NARROW.matches;
    var open = narrow && drawerIsOpen();
    drawerWasOpen = open;
    if (button) button.setAttribute("aria-expanded", open ? "true" : "false");
    setInert(sidebar, narrow && !open);
    besideDrawer(sidebar).forEach(function (element) { setInert(element, open); });
    if (open) limitFocusToPanel(sidebar);
    else releaseDrawer(sidebar);
  }

  function firstStopIn(panel) {
    var stops = panel.querySelectorAll(FOCUSABLE);
    for (var i = 0; i < stops.length; i += 1) {
      if (stops[i].getAttribute("tabindex") !== "-1" && panelOf(stops[i]) === panel) return stops[i];
    }
    return null;
  }

  function closeDrawer() { setToggle(drawerToggle(), false); }

  function onChange(event) {
    var target = event.target;
    if (!target || !target.matches) return;
    if (target.id === "__search") {
      var wasSearching = document.querySelector(".md-search").contains(document.activeElement);
      applySearchState();
      if (NARROW_SEARCH.matches && !target.checked && (wasSearching || document.activeElement === document.body)) {
        if (searchButton()) searchButton().focus();
      }
    } else if (target.id === "__drawer") {
      var wasInside = drawer() && drawer().contains(document.activeElement);
      applyDrawerState();
      if (!NARROW.matches) return;
      if (target.checked) {
        var panel = panelOnShow(drawer());
        var first = panel && firstStopIn(panel);
        if (first) first.focus({ preventScroll: true }); // it slides in: scrolling its box to it would throw the menu aside
      } else if (wasInside || document.activeElement === document.body) {
        if (menuButton()) menuButton().focus();
      }
    } else if (target.matches(".md-sidebar--primary input.md-nav__toggle") && NARROW.matches && drawerIsOpen()) {
      applyDrawerState();
      var opener = document.querySelector("label.md-nav__link[for='" + target.id + "']");
      if (target.checked) {
        var nav = target.parentElement.querySelector(":scope > nav.md-nav");
        var stop = nav && firstStopIn(nav);
        if (stop) stop.focus({ preventScroll: true });
      } else if (opener && opener.getAttribute("tabindex") === "0") {
        opener.focus({ preventScroll: true });
      }
    }
  }

  // The theme may close the drawer itself without a change event (when it navigates instantly):
  // before the next key or pointer press, the page behind is made usable again.
  function syncDrawer() {
    if ((NARROW.matches && drawerIsOpen()) !== drawerWasOpen) applyDrawerState();
  }

  // Material closes the search on Tab: its results (tabindex -1) were reached by the arrow keys only, and
  // nothing said so. Tab and Shift+Tab now go through the field, its clear button and the results, in the
  // arrow keys' order; past either end Material closes the search, as before. Material, which listens on the
  // window after the document, is kept from the keys that move within it, and from Shift alone (it would
  // send focus back to the field).
  function moveThroughSearch(event) {
    if (event.key !== "Tab") {
      if (!event.target.matches(".md-search__input")) event.stopPropagation();
      return;
    }
    var search = document.querySelector(".md-search");
    var stops = Array.prototype.filter.call(search.querySelectorAll(
      ".md-search__input, .md-search__icon[type=reset], .md-search-result :not(details) > [href], " +
      ".md-search-result summary, .md-search-result details[open] [href]"), function (stop) {
      var style = getComputedStyle(stop);  // the clear button is there, unseen, until something is typed
      return stop.getClientRects().length > 0 && style.visibility !== "hidden" && style.opacity !== "0";
    });
    var at = stops.indexOf(event.target), next = at >= 0 && stops[at + (event.shiftKey ? -1 : 1)];
    if (!next) return;
    event.stopPropagation();
    event.preventDefault();
    next.focus();
  }

  // Enter or Space on a label made a button does what a click does (it toggles its checkbox).
  function onKeydown(event) {
    syncDrawer();
    var target = event.target;
    if ((event.key === "Tab" || event.key === "Shift") && searchIsOpen() && target && target.closest &&
        target.closest(".md-search")) {
      moveThroughSearch(event);
      return;
    }
    if (event.key === "Escape" && NARROW.matches && drawerIsOpen()) {
      var sidebar = drawer();
      if (sidebar && (sidebar.contains(target) || target === document.body || target === menuButton())) {
        event.preventDefault();
        closeDrawer();
      }
      return;
    }
    if ((event.key === "Enter" || event.key === " ") && target && target.matches &&
        target.matches("label[for][role=button]") && !event.defaultPrevented) {
      event.preventDefault();
      // Material clicks a focused label on Enter too, from the window, after this: by then focus may have
      // moved to another label (the one that opened a panel), which it would click again.
      event.stopPropagation();
      target.click();
    }
  }

  function bindOnce() {
    if (document.documentElement.hasAttribute("data-gs-keyboard")) return;
    document.documentElement.setAttribute("data-gs-keyboard", "bound");
    document.addEventListener("change", onChange);
    document.addEventListener("keydown", onKeydown);
    document.addEventListener("focusout", onFocusOut);
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("pointerdown", syncDrawer, true);
    document.addEventListener("scroll", keepDrawerInPlace, true); // element scrolls reach the document while capturing
    var onWidth = function () { applyDrawerState(); applySearchState(); };
    [NARROW, NARROW_SEARCH].forEach(function (query) {
      if (query.addEventListener) query.addEventListener("change", onWidth);
      else query.addListener(onWidth);
    });
  }

  function start() {
    bindOnce();
    nameTheMenuButton();
    nameMenuSections();
    removeInvisibleTabStops();
    applyDrawerState();
    applySearchState();
  }

  if (window.guidanceSite) window.guidanceSite.onEveryPage(start);
})();
