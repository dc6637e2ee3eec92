"""Fault tests: processes killed mid-write, damaged database files."""
