"""Pure computation on in-memory data: taxonomy, matcher, gaps, fit, pace, planner, ratings,
guide composition. Nothing here opens a file, a socket or a database session."""
