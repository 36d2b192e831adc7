-- Cards written before collections existed were moved to "General" by V2; whoever wrote them keeps
-- editing them there (AUTHOR), instead of only admins seeing them.
INSERT INTO collection_access (collection_id, principal_type, principal_id, role)
SELECT DISTINCT c.collection_id, 'USER', c.author_id, 'AUTHOR'
FROM card c
WHERE c.collection_id = '00000000-0000-0000-0000-00000000c001'
ON CONFLICT DO NOTHING;
