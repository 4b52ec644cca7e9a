// Package layouttest builds specimen documents for the typesetter's and the
// PDF writer's tests and benchmarks: realistic circulars about website
// inspections exercising every element the typesetter draws.
package layouttest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// Seal returns a PNG of a round red seal (ring and star, transparent
// elsewhere), px pixels wide. The bytes are the same on every call.
func Seal(px int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, px, px))
	c := float64(px) / 2
	R := c - 1
	red := func(a float64) color.NRGBA {
		return color.NRGBA{R: 220, G: 20, B: 30, A: uint8(math.Max(0, math.Min(1, a)) * 230)}
	}
	star := starPolygon(c, c*1.0, R*0.36)
	for y := 0; y < px; y++ {
		for x := 0; x < px; x++ {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			d := math.Hypot(fx-c, fy-c)
			var a float64
			ring := R * 0.075
			if d <= R && d >= R-ring {
				a = math.Min(R-d, d-(R-ring)) + 0.5
			}
			// a thin inner ring
			if math.Abs(d-(R*0.86)) < R*0.012 {
				a = 1
			}
			if inPolygon(star, fx, fy) {
				a = 1
			}
			// a few "characters" around the rim: short radial bars
			ang := math.Atan2(fy-c, fx-c)
			if ang < -0.35 && ang > -math.Pi+0.35 && d > R*0.62 && d < R*0.8 {
				seg := math.Mod((ang+math.Pi)*9/math.Pi, 1)
				if seg > 0.25 && seg < 0.75 && math.Mod(d/(R*0.045), 2) < 1.3 {
					a = 1
				}
			}
			if a > 0 {
				img.SetNRGBA(x, y, red(a))
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

type pt struct{ x, y float64 }

func starPolygon(cx, cy, r float64) []pt {
	var ps []pt
	for i := 0; i < 10; i++ {
		rr := r
		if i%2 == 1 {
			rr = r * 0.382
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		ps = append(ps, pt{cx + rr*math.Cos(a), cy + rr*math.Sin(a)})
	}
	return ps
}

func inPolygon(ps []pt, x, y float64) bool {
	in := false
	for i, j := 0, len(ps)-1; i < len(ps); j, i = i, i+1 {
		if (ps[i].y > y) != (ps[j].y > y) && x < (ps[j].x-ps[i].x)*(y-ps[i].y)/(ps[j].y-ps[i].y)+ps[i].x {
			in = !in
		}
	}
	return in
}
