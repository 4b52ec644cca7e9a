package circular

import "context"

// actorKey is the context key of the person doing a thing.
type actorKey struct{}

// WithActor returns ctx carrying name as the person who does what is done
// with it: issuing, voiding, replacing or deleting a round, editing a
// template. The register and the template history record it.
func WithActor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, actorKey{}, name)
}

// Actor returns the person WithActor put in ctx, or "".
func Actor(ctx context.Context) string {
	s, _ := ctx.Value(actorKey{}).(string)
	return s
}
