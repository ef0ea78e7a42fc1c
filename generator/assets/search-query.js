/* Runs in Material's search worker, just before it (the build puts it at the top of the worker's
   file): reads what an officer typed the way they meant it, before Material turns every word into a
   prefix ("in" would become "in*" and match "investigation"). Words that carry no meaning ("in", "the")
   are left out, a curly apostrophe is read as a straight one, and a word that starts no word of the
   site (a misspelling: "apropriate") is looked for within one or two letters of it ("apropriate~1").
   A query in the search's own syntax (+, -, *, ~, ^, :, quotes) is left as it is. And a word found in
   more than a third of the site's sections is not highlighted on the page a result opens (one such word
   was marked 171 times on one page, hiding the duties); the results still mark it. Nothing else
   changes: the same index, the same ranking, in a worker or in the file:// iframe that stands in for one. */
(function (scope) {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3; // Material's search message types
  var OWN_SYNTAX = /(^|\s)[+\-]|[*~^:"]/;
  var separator = /[\s\-]+/;
  var words = [];
  var sectionsWith = Object.create(null); // word -> how many sections (index entries) have it
  var sections = 0;

  function countWords(docs) {
    sectionsWith = Object.create(null);
    sections = docs.length;
    docs.forEach(function (doc) {
      var seen = Object.create(null);
      (doc.title + " " + doc.text).replace(/<[^>]*>/g, " ").toLowerCase().split(separator).forEach(function (word) {
        if (word && !seen[word]) {
          seen[word] = true;
          sectionsWith[word] = (sectionsWith[word] || 0) + 1;
        }
      });
    });
    words = Object.keys(sectionsWith);
  }

  // Material highlights, on the page opened, each word of the query its result matched (terms[word] true).
  function highlightOnlyTelling(result) {
    (result && result.items || []).forEach(function (group) {
      group.forEach(function (doc) {
        Object.keys(doc.terms || {}).forEach(function (term) {
          var word = term.toLowerCase().replace(/[~^][\d.]*$|\*+$/g, "");
          if (doc.terms[term] && (sectionsWith[word] || 0) * 3 > sections) delete doc.terms[term];
        });
      });
    });
  }

  function startsAWord(term) {
    for (var i = 0; i < words.length; i++) if (words[i].lastIndexOf(term, 0) === 0) return true;
    return false;
  }

  function meaningful(term) {
    var lunr = scope.lunr; // Material's worker puts it there
    return !(lunr && lunr.stopWordFilter) || lunr.stopWordFilter(term.toLowerCase()) !== undefined;
  }

  function improve(query) {
    query = query.replace(/[\u2018\u2019]/g, "'");
    if (OWN_SYNTAX.test(query)) return query;
    var terms = query.split(separator).filter(Boolean);
    var kept = terms.filter(meaningful);
    return (kept.length ? kept : terms).map(function (term) {
      var lower = term.toLowerCase();
      if (lower.length < 4 || !words.length || startsAWord(lower)) return term;
      return term + "~" + (lower.length >= 8 ? 2 : 1);
    }).join(" ");
  }

  var postMessage = scope.postMessage;
  scope.postMessage = function (message) {
    if (message && message.type === RESULT) highlightOnlyTelling(message.data);
    return postMessage.apply(scope, arguments);
  };

  var addEventListener = scope.addEventListener;
  scope.addEventListener = function (type, listener, options) {
    if (type !== "message") return addEventListener.call(scope, type, listener, options);
    return addEventListener.call(scope, type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP && message.data) {
        separator = new RegExp(message.data.config.separator);
        countWords(message.data.docs || []);
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        event = { data: { type: QUERY, data: improve(message.data) } };
      }
      return listener.call(scope, event);
    }, options);
  };
})(self);
