/* Runs in Material's search worker, just before it (the build puts it at the top of the worker's
   file): reads what an officer typed the way they meant it, before Material turns every word into a
   prefix ("in" would become "in*" and match "investigation"). Words that carry no meaning ("in", "the")
   are left out, a curly apostrophe is read as a straight one, and a word that starts no word of the
   site (a misspelling: "apropriate") is looked for within one or two letters of it ("apropriate~1").
   A query in the search's own syntax (+, -, *, ~, ^, :, quotes) is left as it is. Nothing else changes:
   the same index, the same ranking, in a worker or in the file:// iframe that stands in for one. */
(function (scope) {
  "use strict";
  var SETUP = 0, QUERY = 2; // Material's search message types
  var OWN_SYNTAX = /(^|\s)[+\-]|[*~^:"]/;
  var separator = /[\s\-]+/;
  var words = [];

  function wordsOf(docs) {
    var seen = Object.create(null);
    docs.forEach(function (doc) {
      (doc.title + " " + doc.text).replace(/<[^>]*>/g, " ").toLowerCase().split(separator).forEach(function (word) {
        if (word) seen[word] = true;
      });
    });
    return Object.keys(seen);
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

  var addEventListener = scope.addEventListener;
  scope.addEventListener = function (type, listener, options) {
    if (type !== "message") return addEventListener.call(scope, type, listener, options);
    return addEventListener.call(scope, type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP && message.data) {
        separator = new RegExp(message.data.config.separator);
        words = wordsOf(message.data.docs || []);
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        event = { data: { type: QUERY, data: improve(message.data) } };
      }
      return listener.call(scope, event);
    }, options);
  };
})(self);
