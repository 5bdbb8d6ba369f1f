-- 0005 (SQLite): reserved for a migration of another branch (issue 5), which replaces this file
-- when it merges. Migrations are numbered without gaps, and the email channel's is 0006.
SELECT 1;
