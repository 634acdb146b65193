"""The geo stage."""
