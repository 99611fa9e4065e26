"""The day's business: matching applicants to orders, the day plan, manifests."""
