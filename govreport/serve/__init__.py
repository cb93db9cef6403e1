"""Serve: the preview while editing. `session` runs it; `changes` watches the folders; `server` answers the browser;
`buildprocess` is serve's handle on the child process, which runs `rebuild`.

Nothing is imported here: the child process imports `rebuild` without loading the web server."""
