package istat

// PopulationBand groups comuni by size. The values are Italian because they
// are shown to users and stored as data.
type PopulationBand string

// The bands and their thresholds, on resident population:
//
//	piccolo  fewer than 5,000 inhabitants
//	medio    5,000 to 49,999
//	grande   50,000 or more
const (
	BandSmall  PopulationBand = "piccolo"
	BandMedium PopulationBand = "medio"
	BandLarge  PopulationBand = "grande"
)

// Lower bounds of the medium and large bands.
const (
	MediumMinPopulation = 5_000
	LargeMinPopulation  = 50_000
)

// BandOf returns the band of a comune with pop inhabitants.
func BandOf(pop int) PopulationBand {
	switch {
	case pop < MediumMinPopulation:
		return BandSmall
	case pop < LargeMinPopulation:
		return BandMedium
	default:
		return BandLarge
	}
}
