-- 0009_live_leases_index (PostgreSQL): each claim counts an endpoint's live leases (its deliveries in
-- flight, to keep within its max_in_flight). Without an index of leased rows that count read every
-- pending delivery of the endpoint (through deliveries_by_status): a backlog of thousands made
-- every claim read thousands of rows. The leased rows are at most the sends in flight. Its SQLite
-- twin is the same index.

CREATE INDEX deliveries_leased_by_endpoint ON deliveries (endpoint_id, lease_expires_at)
    WHERE status = 'pending' AND lease_expires_at IS NOT NULL;
