"""Writers: Document -> .docx (GB/T 9704 layout or a unit's letterhead) and Markdown."""
