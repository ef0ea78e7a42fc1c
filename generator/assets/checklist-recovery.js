/* A copy of a checklist's saved answers that could not be read, set aside by checklist.js
   (under "<key>:corrupt:<time>"), offered back: download it, keep the records in it that can
   still be read, or delete it. checklist.js loads this script only when there is such a copy,
   and uses what it adds (window.guidanceAudit.extend). */
(function () {
  "use strict";

  function bind(audit, t) {
    var asidePrefix = audit.key + ":corrupt:";

    function readableRecords(raw) {
      var data = t.readJson(raw);
      var records = data && typeof data === "object" && Array.isArray(data.records) ? data.records : [];
      return { total: records.length, readable: records.map(t.cleanRecord).filter(Boolean) };
    }

    function button(text, onClick) {
      var made = t.element("button", text, "md-button");
      made.type = "button";
      made.addEventListener("click", onClick);
      return made;
    }

    function offer(key) {
      var raw = t.storage().getItem(key), found = readableRecords(raw);
      var part = t.element("div", undefined, "gs-recovery__copy");
      part.appendChild(t.element("p", "A copy of this checklist's saved answers was set aside on " +
        t.when(key.slice(asidePrefix.length)) + " because it could not be read in full" +
        (found.total ? ": " + found.readable.length + " of its " + t.plural(found.total, "record") + " can still be read." : ".")));
      var buttons = t.element("div", undefined, "gs-audit__buttons");
      buttons.appendChild(button("Download the set-aside copy (JSON)", function () {
        t.saveFile(audit.id + "-set-aside-copy-" + t.localDate() + ".json", "application/json", raw);
      }));
      if (found.readable.length) {
        buttons.appendChild(button("Keep the " + t.plural(found.readable.length, "record") + " that can be read", function () {
          t.mergeState(audit.state, { records: readableRecords(raw).readable, deleted: [] });
          audit.state.current = found.readable[0].id;
          audit.draft = null;
          t.save(audit);
          t.show(audit);
          t.setAddress(audit);
          t.say(audit.messages, "Kept " + t.plural(found.readable.length, "record") + " from the set-aside copy: " +
            found.readable.map(function (r) { return "“" + r.label + "”"; }).join(", ") + ".", "done", "recovery");
        }));
      }
      buttons.appendChild(button("Delete the set-aside copy…", function () {
        t.ask(audit.recordsConfirm, "Delete the set-aside copy? What could not be read in it is lost. Download it first " +
          "if anyone may be able to repair it.", [["delete", "Delete it"], ["keep", "Keep it"]]).then(function (choice) {
          if (choice !== "delete") return;
          t.storage().removeItem(key);
          showAll(t.asideKeys(audit));
          t.say(audit.messages, "The set-aside copy was deleted.", "done", "recovery");
          audit.labelInput.focus();
        });
      }));
      part.appendChild(buttons);
      return part;
    }

    function showAll(keys) {
      var box = audit.recovery;
      box.textContent = "";
      box.hidden = !keys.length;
      keys.forEach(function (key) { box.appendChild(offer(key)); });
    }

    audit.actions["show-recovery"] = function (target, keys) { showAll(keys); }; // keys: checklist.js found them
  }

  window.guidanceAudit.extend(bind); // checklist.js, loaded before this script, defines it
})();
