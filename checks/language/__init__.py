"""Language analysis: the lexicons loaded, the spaCy pipeline, and what a document says
about itself (who speaks and to whom, quotations, parties, dates, sections, rulebooks,
a Member's edits). Rules ask these modules; none of them judges a breach."""
