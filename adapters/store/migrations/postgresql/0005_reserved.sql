-- Reserved: another branch (chat channels, email) brings the migration of this number. This
-- placeholder only keeps the numbering without gaps until the branches are merged; the merge
-- replaces it with that branch's file (the migrator refuses two files of one number, loudly).
SELECT 1;
