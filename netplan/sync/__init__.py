"""Two-way sync of the store with a vdir (spec 7.4): the folder layout vdirsyncer keeps in
step with CardDAV and CalDAV servers (`DIR/contacts/*.vcf`, `DIR/tasks/*.ics`).

- `card_fields`: a contact as the fields a card carries, and those fields back as a patch;
- `cards`: the vCard 4.0 writer; `card_reading`: a card's fields read back (netplan's own
  tolerant vCard reader, plus its X-NETPLAN-* properties);
- `tasks`: the follow-up VTODOs, written and read with `icalendar`;
- `merge`: the three-way rule for one card's fields;
- `state`: what the last sync wrote and read, per DIR and machine, in the store's `.sync/`;
- `folder`: the vdir's files: listed, read with a size limit, written atomically;
- `vdir`: the sync itself, and its cards' half (the edits for the store, the files for
  DIR); `task_sync`: its tasks' half;
- `report`: what a sync did, in words.

No Textual here; store changes go through the workspace's edits only.
"""
