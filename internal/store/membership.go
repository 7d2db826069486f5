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

// memberParticipationsOfSQL is every (activity_id, body_id) pair that counts
// towards membership, for the bodies whose ids the subquery bodySet returns:
// a participation in a member role, or a registered person who attended on
// behalf of the body (attendance exists only once it is recorded). The body
// filter sits inside each branch of the union, where the indexes by body
// serve it (a filter outside a UNION is not pushed into it). NewBodiesAt
// applies the same rule by activity; memberCountsSQL body by body.
func memberParticipationsOfSQL(bodySet string) string {
	return `(SELECT activity_id, body_id FROM participations WHERE role IN (` + memberRolesSQL() + `) AND body_id IN (` + bodySet + `)
UNION SELECT activity_id, body_id FROM registrations WHERE attended AND body_id IN (` + bodySet + `))`
}

// memberCountsSQL is true when the body under alias mb is a member today:
// it has a counted member participation or attendance of its own (being no
// office), or one of its offices has. Each EXISTS stops at the first hit.
func (s *Store) memberCountsSQL(mb string) string {
	roles := memberRolesSQL()
	counted := s.countedSQL("a")
	return `((` + mb + `.parent_id IS NULL AND (
    EXISTS (SELECT 1 FROM participations p JOIN activities a ON a.id = p.activity_id
            WHERE p.body_id = ` + mb + `.id AND p.role IN (` + roles + `) AND ` + counted + `)
    OR EXISTS (SELECT 1 FROM registrations r JOIN activities a ON a.id = r.activity_id
            WHERE r.body_id = ` + mb + `.id AND r.attended AND ` + counted + `)))
  OR EXISTS (SELECT 1 FROM bodies ob JOIN participations p ON p.body_id = ob.id JOIN activities a ON a.id = p.activity_id
            WHERE ob.parent_id = ` + mb + `.id AND p.role IN (` + roles + `) AND ` + counted + `)
  OR EXISTS (SELECT 1 FROM bodies ob JOIN registrations r ON r.body_id = ob.id JOIN activities a ON a.id = r.activity_id
            WHERE ob.parent_id = ` + mb + `.id AND r.attended AND ` + counted + `))`
}

// NewBodiesAt returns the bodies that joined the network at an activity: the
// member bodies whose first counted participation as a member (directly or
// through one of their offices) is this activity. An activity that does not
// count yet (its day has not passed) has no new bodies. It is derived, never
// stored: the members of the activity are few, their offices fewer, and for
// each of those bodies an index probe (participations by body and role,
// attended registrations by body) finds whether it took part earlier.
func (s *Store) NewBodiesAt(ctx context.Context, activityID int64) ([]domain.BodyRef, error) {
	// Which way to probe: from each body's participations (cheap late in
	// the history, where a body's first earlier participation comes at
	// once) or from the earlier activities (cheap early, where there are
	// few). Counting the earlier activities walks one index.
	var earlierActivities int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM activities a2 JOIN activities a ON a.id = ?
WHERE a2.status = 'published' AND a2.starts_on <= a.starts_on`, activityID).Scan(&earlierActivities)
	if err != nil {
		return nil, fmt.Errorf("new bodies at activity %d: %w", activityID, err)
	}
	earlier := `(a2.starts_on < m.starts_on OR (a2.starts_on = m.starts_on AND a2.id < m.activity_id))`
	probe := `EXISTS (
      SELECT 1 FROM participations p2 JOIN activities a2 ON a2.id = p2.activity_id
      WHERE p2.body_id = m.body_id AND p2.role IN (` + memberRolesSQL() + `) AND ` + s.countedSQL("a2") + ` AND ` + earlier + `)
    OR EXISTS (
      SELECT 1 FROM registrations r2 JOIN activities a2 ON a2.id = r2.activity_id
      WHERE r2.body_id = m.body_id AND r2.attended AND ` + s.countedSQL("a2") + ` AND ` + earlier + `)`
	if earlierActivities <= newBodiesByActivityBelow {
		// The activity counts, so an earlier published one does too: the
		// walk is bounded by the activity's day alone, which lets the
		// activities_status_date index serve it as a range.
		probe = `EXISTS (
      SELECT 1 FROM activities a2 CROSS JOIN participations p2
      WHERE a2.status = 'published' AND a2.starts_on <= m.starts_on AND ` + earlier + `
        AND p2.activity_id = a2.id AND p2.body_id = m.body_id AND p2.role IN (` + memberRolesSQL() + `))
    OR EXISTS (
      SELECT 1 FROM activities a2 CROSS JOIN registrations r2
      WHERE a2.status = 'published' AND a2.starts_on <= m.starts_on AND ` + earlier + `
        AND r2.activity_id = a2.id AND r2.body_id = m.body_id AND r2.attended)`
	}
	rows, err := s.query(ctx, `
WITH members AS (
  SELECT DISTINCT COALESCE(b.parent_id, b.id) AS member_id, a.id AS activity_id, a.starts_on AS starts_on
  FROM (SELECT activity_id, body_id FROM participations WHERE activity_id = ? AND role IN (`+memberRolesSQL()+`)
        UNION SELECT activity_id, body_id FROM registrations WHERE activity_id = ? AND attended AND body_id IS NOT NULL) p
  JOIN bodies b ON b.id = p.body_id
  JOIN activities a ON a.id = p.activity_id
  WHERE `+s.countedSQL("a")+`
), member_bodies AS (
  SELECT m.member_id, m.activity_id, m.starts_on, m.member_id AS body_id FROM members m
  UNION ALL
  SELECT m.member_id, m.activity_id, m.starts_on, ob.id FROM members m JOIN bodies ob ON ob.parent_id = m.member_id
), joined_earlier AS (
  SELECT m.member_id FROM member_bodies m WHERE `+probe+`
)
SELECT mb.id, mb.slug, mb.name, mb.kind
FROM members m
JOIN bodies mb ON mb.id = m.member_id
WHERE m.member_id NOT IN (SELECT member_id FROM joined_earlier)
ORDER BY mb.name, mb.id`, activityID, activityID)
	if err != nil {
		return nil, fmt.Errorf("new bodies at activity %d: %w", activityID, err)
	}
	defer rows.Close()
	return scanBodyRefs(rows)
}

// newBodiesByActivityBelow is how many earlier activities NewBodiesAt still
// walks, for each member of the activity without an earlier participation,
// rather than that member's own participations.
var newBodiesByActivityBelow = 1000

// Memberships returns, for each of the given bodies that is a member, the
// counted activity at which it joined the network. An office is in the
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
  FROM `+memberParticipationsOfSQL(`SELECT ob.id FROM bodies ob
    WHERE ob.id IN (SELECT member_id FROM asked) OR ob.parent_id IN (SELECT member_id FROM asked)`)+` p
  JOIN bodies b ON b.id = p.body_id
  JOIN activities a ON a.id = p.activity_id
  WHERE `+s.countedSQL("a")+`
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

// BodyParticipations lists the counted activities (published, their day
// over) a body (or one of its offices) took part in, in date order; people
// registered for the body and marked present make it an attendee. A body's
// figures are derived from this list, so planned activities are left out:
// BodyUpcomingParticipations lists those.
func (s *Store) BodyParticipations(ctx context.Context, bodyID int64) ([]BodyParticipation, error) {
	return s.bodyParticipations(ctx, bodyID, s.countedSQL("a"))
}

// BodyUpcomingParticipations lists the published activities a body (or one
// of its offices) is taking part in whose day has not passed yet: shown as
// upcoming, never counted.
func (s *Store) BodyUpcomingParticipations(ctx context.Context, bodyID int64) ([]BodyParticipation, error) {
	return s.bodyParticipations(ctx, bodyID, "a.status = 'published' AND NOT ("+s.countedSQL("a")+")")
}

func (s *Store) bodyParticipations(ctx context.Context, bodyID int64, activityCond string) ([]BodyParticipation, error) {
	rows, err := s.query(ctx, `
SELECT a.id, a.slug, a.title, a.is_stage, a.starts_on, a.format, t.name, p.role, b.id, b.slug, b.name, b.kind
FROM (SELECT activity_id, body_id, role FROM participations WHERE body_id IN (SELECT id FROM bodies WHERE id = ? OR parent_id = ?)
      UNION SELECT activity_id, body_id, 'attendee' FROM registrations
      WHERE attended AND body_id IN (SELECT id FROM bodies WHERE id = ? OR parent_id = ?)) p
JOIN bodies b ON b.id = p.body_id
JOIN activities a ON a.id = p.activity_id
JOIN activity_types t ON t.id = a.type_id
WHERE `+activityCond+`
ORDER BY a.starts_on, a.id, `+roleOrderSQL("p.role")+`, b.name`, bodyID, bodyID, bodyID, bodyID)
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
