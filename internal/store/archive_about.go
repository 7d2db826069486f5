package store

import (
	"context"
	"fmt"
	"time"

	"benicommunity/internal/dataset"
)

// exportAbout writes the about page, contacts and partners when a
// coordinator has written any.
func (c conn) exportAbout(ctx context.Context, ds *dataset.Dataset) error {
	a, err := c.about(ctx)
	if err != nil {
		return err
	}
	if a.UpdatedAt == nil && len(a.Partners) == 0 {
		return nil
	}
	out := &dataset.About{BodyMarkdown: a.BodyMarkdown, ContactEmail: a.ContactEmail, ContactOffice: a.ContactOffice,
		ControllerName: a.ControllerName, ControllerContact: a.ControllerContact}
	for _, p := range a.Partners {
		out.Partners = append(out.Partners, dataset.Partner{Name: p.Name, URL: p.URL})
	}
	if a.UpdatedAt != nil {
		out.UpdatedAt = instant(*a.UpdatedAt)
	}
	ds.About = out
	return nil
}

// loadAbout writes the about page of a dataset, checked like an edit.
func (tx *Tx) loadAbout(ctx context.Context, d *dataset.About) error {
	if d == nil {
		return nil
	}
	a := About{BodyMarkdown: d.BodyMarkdown, ContactEmail: d.ContactEmail, ContactOffice: d.ContactOffice,
		ControllerName: d.ControllerName, ControllerContact: d.ControllerContact, Partners: []Partner{}}
	for _, p := range d.Partners {
		a.Partners = append(a.Partners, Partner{Name: p.Name, URL: p.URL})
	}
	if err := a.Check(); err != nil {
		return fmt.Errorf("load about page: %w", err)
	}
	at := time.Now()
	if d.UpdatedAt != "" {
		t, err := parseInstant(d.UpdatedAt)
		if err != nil {
			return fmt.Errorf("load about page: updated_at: %w", err)
		}
		at = t
	}
	return tx.writeAbout(ctx, a, at)
}
