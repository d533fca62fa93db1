//! End-to-end test harness for article-widget (filled in by the e2e work).
