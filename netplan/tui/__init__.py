"""The Textual app. Widgets render state and post messages; the app applies and saves."""
