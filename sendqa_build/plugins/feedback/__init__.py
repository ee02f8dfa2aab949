"""``sendqa/feedback``: "You said, we did" pages (SEND Regulations 2014 reg 56) and the
"Report a problem with this page" link on every page."""
