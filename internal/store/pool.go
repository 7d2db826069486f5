package store

import (
	"context"
	"database/sql"
	"fmt"
)

// PoolStats reports the state of the connection pool, for the operators'
// metrics.
func (s *Store) PoolStats() sql.DBStats { return s.db.Stats() }

// RegistrationsByStatus counts every registration by status (pending,
// confirmed, waiting, cancelled), for the operators' metrics.
func (s *Store) RegistrationsByStatus(ctx context.Context) (map[string]int64, error) {
	rows, err := s.query(ctx, `SELECT status, COUNT(*) FROM registrations GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("count registrations by status: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var status string
		var n int64
		if err := rows.Scan(&status, &n); err != nil {
			return nil, fmt.Errorf("count registrations by status: %w", err)
		}
		out[status] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count registrations by status: %w", err)
	}
	return out, nil
}
