package cli

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"benicommunity/internal/istat"
	"benicommunity/internal/store"
)

// seedSizes are the sizes of a generated network; the defaults are about ten
// times the default network.
type seedSizes struct {
	bodies, stages, activities, participations, registrations int
}

func runSeed(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "seed", "Fill an EMPTY database, SQLite or PostgreSQL, with a generated network for\n"+
		"trying the platform at scale: Comuni of the ISTAT registry, activities one day\n"+
		"apart from 2000-01-01, participations and registrations drawn at random. The\n"+
		"same --seed gives the same network on either database.")
	db := dbFlag(fs, env)
	synthetic := fs.Bool("synthetic", false, "generate a synthetic network (required: the only kind of seed)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed and sizes give the same data")
	var n seedSizes
	fs.IntVar(&n.bodies, "bodies", 300, "bodies (Comuni of the ISTAT registry; 7900 or more takes every Comune)")
	fs.IntVar(&n.stages, "stages", 50, "stages among the activities")
	fs.IntVar(&n.activities, "activities", 200, "activities")
	fs.IntVar(&n.participations, "participations", 2000, "participations of bodies, spread evenly over the activities")
	fs.IntVar(&n.registrations, "registrations", 500, "registrations of people, half of them marked present")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if !*synthetic {
		return fmt.Errorf("--synthetic: say which seed to make (only --synthetic is available)")
	}
	reg, err := istat.Load()
	if err != nil {
		return fmt.Errorf("load the ISTAT registry: %w", err)
	}
	spec, err := seedSpec(n, *seed, reg)
	if err != nil {
		return err
	}
	log := newLogger(env.Stderr, "text")
	s, err := openStore(ctx, *db, log)
	if err != nil {
		return err
	}
	defer s.Close()
	started := time.Now()
	if err := s.LoadSynthetic(ctx, spec); err != nil {
		if errors.Is(err, store.ErrNotEmpty) {
			return fmt.Errorf("%s already holds data: seed writes only into an empty database (give a new sqlite: file, or a new PostgreSQL database made with createdb)", s.Location())
		}
		return fmt.Errorf("nothing was written: %w", err)
	}
	fmt.Fprintf(env.Stdout, "seeded %d bodies, %d activities (%d stages), %d participations, %d registrations into %s in %s\n",
		len(spec.Comuni), spec.Activities, spec.Stages, spec.Activities*(spec.Participations/spec.Activities), spec.Registrations,
		s.Location(), time.Since(started).Round(time.Millisecond))
	return nil
}

// seedSpec checks the sizes and picks the Comuni: a seeded shuffle of the
// registry, so a smaller network is spread over Italy.
func seedSpec(n seedSizes, seed uint64, reg *istat.Registry) (store.SyntheticSpec, error) {
	all := reg.All()
	switch {
	case n.bodies < 1:
		return store.SyntheticSpec{}, fmt.Errorf("--bodies: at least 1 (got %d)", n.bodies)
	case n.activities < 1:
		return store.SyntheticSpec{}, fmt.Errorf("--activities: at least 1 (got %d)", n.activities)
	case n.stages < 0 || n.stages > n.activities:
		return store.SyntheticSpec{}, fmt.Errorf("--stages: between 0 and --activities (%d), since a stage is an activity (got %d)", n.activities, n.stages)
	case n.participations < 0:
		return store.SyntheticSpec{}, fmt.Errorf("--participations: cannot be negative (got %d)", n.participations)
	case n.registrations < 0:
		return store.SyntheticSpec{}, fmt.Errorf("--registrations: cannot be negative (got %d)", n.registrations)
	}
	bodies := min(n.bodies, len(all))
	if per := n.participations / n.activities; per > bodies {
		return store.SyntheticSpec{}, fmt.Errorf("--participations: %d per activity but only %d bodies (a body takes part once per activity): at most %d",
			per, bodies, bodies*n.activities)
	}
	rng := rand.New(rand.NewPCG(seed, 2))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	comuni := make([]store.SyntheticComune, bodies)
	for i, c := range all[:bodies] {
		comuni[i] = store.SyntheticComune{Code: c.Code, Name: c.Name, Province: c.ProvinceName, ProvinceCode: c.ProvinceSigla, Region: c.RegionName}
	}
	spec := store.SyntheticSpec{Comuni: comuni, Activities: n.activities, Stages: n.stages,
		Participations: n.participations, Registrations: n.registrations, Seed: seed}
	return spec, nil
}
