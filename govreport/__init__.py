"""govreport: turn a town government's work report into an accessible static website."""
