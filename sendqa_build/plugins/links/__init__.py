"""``sendqa/links``: broken internal links fail the build; external links are checked with
LinkChecker, with results cached between builds."""
