"""``sendqa/report``: the QA self-evaluation draft (JSON, HTML, Word) after every build."""
