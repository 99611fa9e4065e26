"""Reading, validating and writing the files a dispatcher hands over; the bundled sample."""
