package store

import (
	"context"
	"fmt"
	"strings"

	"benicommunity/internal/domain"
)

// memberRolesSQL is the SQL list of the roles that make a body a member,
// taken from the domain rule so the two never drift apart.
func memberRolesSQL() string {
	quoted := make([]string, len(domain.MemberRoles))
	for i, r := range domain.MemberRoles {
		quoted[i] = "'" + string(r) + "'"
	}
	return strings.Join(quoted, ", ")
}

// roleOrderSQL sorts participation roles in the domain's display order
// (host first, attendee last) rather than alphabetically.
func roleOrderSQL(column string) string {
	var b strings.Builder
	b.WriteString("CASE " + column)
	for i, r := range domain.ParticipationRoles {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", r, i)
	}
	fmt.Fprintf(&b, " ELSE %d END", len(domain.ParticipationRoles))
	return b.String()
}

// memberParticipationsSQL is every (activity_id, body_id) pair that counts
// towards membership: a participation in a member role, or a registered
// person who attended on behalf of the body. Both derivations below read it,
// so there is one rule.
func memberParticipationsSQL() string {
	return `(SELECT activity_id, body_id FROM participations WHERE role IN (` + memberRolesSQL() + `)
UNION SELECT activity_id, body_id FROM registrations WHERE attended AND body_id IS NOT NULL)`
}

// NewBodiesAt returns the bodies that joined the network at an activity: the
// member bodies whose first published participation as a member (directly or
// through one of their offices) is this activity. It is derived, never stored.
func (s *Store) NewBodiesAt(ctx context.Context, activityID int64) ([]domain.BodyRef, error) {
	mp := memberParticipationsSQL()
	rows, err := s.query(ctx, `
SELECT DISTINCT mb.id, mb.slug, mb.name, mb.kind
FROM `+mp+` p
JOIN bodies b ON b.id = p.body_id
JOIN bodies mb ON mb.id = COALESCE(b.parent_id, b.id)
JOIN activities a ON a.id = p.activity_id
WHERE p.activity_id = ? AND a.status = 'published'
  AND NOT EXISTS (
    SELECT 1
    FROM `+mp+` p2
    JOIN activities a2 ON a2.id = p2.activity_id
    WHERE p2.body_id IN (SELECT ob.id FROM bodies ob WHERE ob.id = mb.id OR ob.parent_id = mb.id)
      AND a2.status = 'published'
      AND (a2.starts_on < a.starts_on OR (a2.starts_on = a.starts_on AND a2.id < a.id))
  )
ORDER BY mb.name`, activityID)
	if err != nil {
		return nil, fmt.Errorf("new bodies at activity %d: %w", activityID, err)
	}
	defer rows.Close()
	return scanBodyRefs(rows)
}

// Memberships returns, for each of the given bodies that is a member, the
// published activity at which it joined the network. An office is in the
// network with its parent body, so it gets its parent's membership. The map
// holds only bodies that were asked for.
func (s *Store) Memberships(ctx context.Context, bodyIDs []int64) (map[int64]domain.Membership, error) {
	out := make(map[int64]domain.Membership, len(bodyIDs))
	if len(bodyIDs) == 0 {
		return out, nil
	}
	ids := make([]any, len(bodyIDs))
	for i, id := range bodyIDs {
		ids[i] = id
	}
	rows, err := s.query(ctx, `
WITH asked AS (
  SELECT id AS body_id, COALESCE(parent_id, id) AS member_id FROM bodies WHERE id IN (`+placeholders(len(bodyIDs))+`)
), member_participations AS (
  SELECT COALESCE(b.parent_id, b.id) AS member_id, a.id AS activity_id, a.starts_on AS starts_on
  FROM `+memberParticipationsSQL()+` p
  JOIN bodies b ON b.id = p.body_id
  JOIN activities a ON a.id = p.activity_id
  WHERE a.status = 'published'
    AND (b.id IN (SELECT member_id FROM asked) OR b.parent_id IN (SELECT member_id FROM asked))
), ranked AS (
  SELECT member_id, activity_id,
         ROW_NUMBER() OVER (PARTITION BY member_id ORDER BY starts_on, activity_id) AS rn
  FROM member_participations
)
SELECT q.body_id, a.id, a.slug, a.title, a.is_stage, a.starts_on, a.format, t.name
FROM asked q
JOIN ranked r ON r.member_id = q.member_id AND r.rn = 1
JOIN activities a ON a.id = r.activity_id
JOIN activity_types t ON t.id = a.type_id`, ids...)
	if err != nil {
		return nil, fmt.Errorf("memberships of %d bodies: %w", len(bodyIDs), err)
	}
	defer rows.Close()
	for rows.Next() {
		var m domain.Membership
		ar := &m.Activity
		if err := rows.Scan(&m.BodyID, &ar.ID, &ar.Slug, &ar.Title, &ar.IsStage, &ar.StartsOn, &ar.Format, &ar.TypeName); err != nil {
			return nil, fmt.Errorf("memberships: %w", err)
		}
		ar.StartsOn = civilDate(ar.StartsOn)
		out[m.BodyID] = m
	}
	return out, rows.Err()
}

// BodyParticipation is one activity a body took part in, directly or through an office.
type BodyParticipation struct {
	Activity domain.ActivityRef
	Role     domain.ParticipationRole
	Via      *domain.BodyRef // the office that took part, when not the body itself
}

// BodyParticipations lists the published activities a body (or one of its
// offices) took part in, in date order; people registered for the body and
// marked present make it an attendee.
func (s *Store) BodyParticipations(ctx context.Context, bodyID int64) ([]BodyParticipation, error) {
	rows, err := s.query(ctx, `
SELECT a.id, a.slug, a.title, a.is_stage, a.starts_on, a.format, t.name, p.role, b.id, b.slug, b.name, b.kind
FROM (SELECT activity_id, body_id, role FROM participations
      UNION SELECT activity_id, body_id, 'attendee' FROM registrations WHERE attended AND body_id IS NOT NULL) p
JOIN bodies b ON b.id = p.body_id
JOIN activities a ON a.id = p.activity_id
JOIN activity_types t ON t.id = a.type_id
WHERE a.status = 'published' AND (p.body_id = ? OR b.parent_id = ?)
ORDER BY a.starts_on, a.id, `+roleOrderSQL("p.role")+`, b.name`, bodyID, bodyID)
	if err != nil {
		return nil, fmt.Errorf("participations of body %d: %w", bodyID, err)
	}
	defer rows.Close()
	var out []BodyParticipation
	for rows.Next() {
		var (
			bp  BodyParticipation
			via domain.BodyRef
		)
		ar := &bp.Activity
		if err := rows.Scan(&ar.ID, &ar.Slug, &ar.Title, &ar.IsStage, &ar.StartsOn, &ar.Format, &ar.TypeName, &bp.Role,
			&via.ID, &via.Slug, &via.Name, &via.Kind); err != nil {
			return nil, fmt.Errorf("participations of body %d: %w", bodyID, err)
		}
		ar.StartsOn = civilDate(ar.StartsOn)
		if via.ID != bodyID {
			v := via
			bp.Via = &v
		}
		out = append(out, bp)
	}
	return out, rows.Err()
}
