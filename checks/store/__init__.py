"""What persists between runs: the result cache and the baseline of accepted findings."""
