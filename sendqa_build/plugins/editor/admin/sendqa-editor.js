/* sendqa's own parts of the browser editor (Decap CMS), loaded after decap-cms.js.
 *
 * sendqa-lines: see below.
 * sendqa-date: a date field that keeps the date exactly as the checks read it (YYYY-MM-DD),
 * with the browser's own date picker. On "Last checked as correct on" it also offers
 * "Mark as reviewed today", as `sendqa reviewed` does on the command line; when "Checked by" is
 * empty, saving fills it with the signed-in person's name, where the git host gives one. */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var reviewedToday = false;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /* The stored value as YYYY-MM-DD: YAML dates may arrive as Date objects. */
  function asText(value) {
    if (value instanceof Date && !isNaN(value)) {
      return value.getUTCFullYear() + "-" + pad(value.getUTCMonth() + 1) + "-" + pad(value.getUTCDate());
    }
    return value ? String(value).slice(0, 10) : "";
  }

  var DateControl = createClass({
    componentDidMount: function () {
      /* A date read as a Date object is stored back as text, so saving never writes a time. */
      if (this.props.value instanceof Date) {
        this.props.onChange(asText(this.props.value));
      }
    },
    handleChange: function (event) {
      this.props.onChange(event.target.value);
    },
    markReviewed: function () {
      reviewedToday = true;
      this.props.onChange(today());
    },
    render: function () {
      var field = this.props.field;
      var withButton = field && field.get && field.get("review_button");
      var value = asText(this.props.value);
      return h(
        "div",
        { className: this.props.classNameWrapper },
        h("input", {
          type: "date",
          id: this.props.forID,
          value: value,
          onChange: this.handleChange,
          onFocus: this.props.setActiveStyle,
          onBlur: this.props.setInactiveStyle,
          style: { fontSize: "1rem", padding: "0.4rem", marginRight: "1rem" }
        }),
        withButton
          ? h(
              "button",
              {
                type: "button",
                className: "sendqa-mark-reviewed",
                onClick: this.markReviewed,
                style: { fontSize: "1rem", padding: "0.4rem 0.8rem", cursor: "pointer" }
              },
              "Mark as reviewed today"
            )
          : null
      );
    }
  });

  var DatePreview = createClass({
    render: function () {
      return h("p", {}, asText(this.props.value));
    }
  });

  CMS.registerWidget("sendqa-date", DateControl, DatePreview);

  /* sendqa-lines: a few short lines, one per row of a text box (opening times, accessibility
   * notes). The checks accept one line as text or several as a list, and pages are written
   * both ways, so either is read; one line is saved as text, several as a list. */
  function linesOf(value) {
    if (value === null || value === undefined || value === "") {
      return [];
    }
    if (typeof value === "string") {
      return [value];
    }
    var items = typeof value.toArray === "function" ? value.toArray() : value;
    return Array.prototype.slice.call(items).map(String);
  }

  function valueOf(text) {
    var lines = text
      .split("\n")
      .map(function (line) {
        return line.trim();
      })
      .filter(function (line) {
        return line !== "";
      });
    return lines.length === 0 ? "" : lines.length === 1 ? lines[0] : lines;
  }

  var LinesControl = createClass({
    getInitialState: function () {
      return { text: linesOf(this.props.value).join("\n") };
    },
    handleChange: function (event) {
      var text = event.target.value;
      this.setState({ text: text });
      this.props.onChange(valueOf(text));
    },
    render: function () {
      return h("textarea", {
        id: this.props.forID,
        className: this.props.classNameWrapper,
        value: this.state.text,
        rows: Math.max(2, this.state.text.split("\n").length + 1),
        onChange: this.handleChange,
        onFocus: this.props.setActiveStyle,
        onBlur: this.props.setInactiveStyle,
        style: { minHeight: "4rem", fontSize: "1rem", lineHeight: "1.5" }
      });
    }
  });

  var LinesPreview = createClass({
    render: function () {
      return h("p", {}, linesOf(this.props.value).join("; "));
    }
  });

  CMS.registerWidget("sendqa-lines", LinesControl, LinesPreview);

  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var data = args.entry.get("data");
      if (!reviewedToday) {
        return data;
      }
      reviewedToday = false;
      var author = args.author || {};
      var name = author.name || author.login;
      if (name && !data.get("reviewed_by")) {
        return data.set("reviewed_by", name);
      }
      return data;
    }
  });
})();
