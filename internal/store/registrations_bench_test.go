package store_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// BenchmarkRegisterAndConfirm measures a registration plus its confirmation
// (the seat decision under the activity lock), from parallel clients.
func BenchmarkRegisterAndConfirm(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			ctx := context.Background()
			s := storetest.OpenDefault(b, d)
			id := upcomingB(b, s)
			var n atomic.Int64
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					email := fmt.Sprintf("b%d@example.it", n.Add(1))
					if _, err := s.Register(ctx, newReg(id, email), time.Now()); err != nil {
						b.Error(err)
						return
					}
					if _, err := s.ConfirmRegistration(ctx, auth.HashToken("c-"+email), time.Now()); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

func upcomingB(b *testing.B, s *store.Store) int64 {
	b.Helper()
	return upcomingTB(b, s, "banco", intp(50))
}
