"""Speed tricks, each with one owner and its reason beside it.

- `gc_pause`: the cyclic collector pauses from the `netplan` command's first line to the
  first frame, and while big files load (owner: the entry point and the load job).
- `pydantic_plugins`: the command skips Pydantic's search for plugins (owner: the entry point).
- `gil`: a 1 ms GIL switch interval, so the app's thread gets the GIL back soon from a thread
  that loads or saves (owner: the entry point).
- `input_quiet` and `pausing`: long loads step aside for 0.1 s after each key (owner: the
  app, which hands its pause to the jobs it runs).
"""
