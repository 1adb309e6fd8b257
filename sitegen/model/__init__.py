"""The record as the site knows it: dates, records, vocabulary, status periods, timelines."""
