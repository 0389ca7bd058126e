-- Blobs are PDFs and photos, compressed already: the default storage (EXTENDED) makes PostgreSQL
-- try pglz on each one and keep the result only when it saves space, which it never does here
-- (3,000 avis: 1,301 ms to store with EXTENDED, 191 ms with EXTERNAL, 167 MB either way; issue 17).
-- EXTERNAL stores them out of line, uncompressed. Rows stored before keep their form.
ALTER TABLE "blobs" ALTER COLUMN "content" SET STORAGE EXTERNAL;
