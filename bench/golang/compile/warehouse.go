// A warehouse that fills orders concurrently: the ~300-line program whose
// compile time the browser bench measures in the tab (bench/frames.mjs,
// the "compile" row; issue 14 asks for under 20 ms). It is an ordinary
// program of the kind the playground runs: structs, methods, interfaces,
// errors, maps, sorting, closures, a worker pool, a pipeline, select with a
// timeout, a mutex and a WaitGroup. Its output does not depend on the
// schedule, so `go run` and `gort run` print the same text.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

const (
	numOrders  = 60
	numWorkers = 4
	numShelves = 8
	restockAt  = 5
)

// Item is one kind of goods on a shelf.
type Item struct {
	SKU   string
	Name  string
	Price int // cents
}

// Line is one item of an order, with how many are wanted.
type Line struct {
	Item Item
	Qty  int
}

// Order is what a customer asks for.
type Order struct {
	ID       int
	Customer string
	Lines    []Line
	Express  bool
}

// Total is the order's price in cents.
func (o Order) Total() int {
	sum := 0
	for _, l := range o.Lines {
		sum += l.Item.Price * l.Qty
	}
	if o.Express {
		sum += 499
	}
	return sum
}

func (o Order) String() string {
	parts := make([]string, 0, len(o.Lines))
	for _, l := range o.Lines {
		parts = append(parts, fmt.Sprintf("%dx%s", l.Qty, l.Item.SKU))
	}
	return fmt.Sprintf("order %d for %s [%s]", o.ID, o.Customer, strings.Join(parts, " "))
}

// OutOfStock says which item ran out.
type OutOfStock struct {
	SKU       string
	Wanted    int
	Available int
}

func (e *OutOfStock) Error() string {
	return fmt.Sprintf("%s: wanted %d, %d left", e.SKU, e.Wanted, e.Available)
}

var errEmptyOrder = errors.New("empty order")

// Inventory is the stock, shared by the workers.
type Inventory struct {
	mu       sync.Mutex
	stock    map[string]int
	restocks int
}

func NewInventory(items []Item, each int) *Inventory {
	inv := &Inventory{stock: make(map[string]int)}
	for _, it := range items {
		inv.stock[it.SKU] = each
	}
	return inv
}

// Take removes every line of an order, or none of them.
func (inv *Inventory) Take(o Order) error {
	if len(o.Lines) == 0 {
		return errEmptyOrder
	}
	inv.mu.Lock()
	defer inv.mu.Unlock()
	for _, l := range o.Lines {
		if have := inv.stock[l.Item.SKU]; have < l.Qty {
			return &OutOfStock{SKU: l.Item.SKU, Wanted: l.Qty, Available: have}
		}
	}
	for _, l := range o.Lines {
		inv.stock[l.Item.SKU] -= l.Qty
	}
	return nil
}

// Restock refills every shelf that is low, and says how many it refilled.
func (inv *Inventory) Restock(amount int) int {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	n := 0
	for sku, have := range inv.stock {
		if have < restockAt {
			inv.stock[sku] = have + amount
			n++
		}
	}
	inv.restocks += n
	return n
}

// Left is the stock of every item, by SKU.
func (inv *Inventory) Left() map[string]int {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	out := make(map[string]int, len(inv.stock))
	for k, v := range inv.stock {
		out[k] = v
	}
	return out
}

// rng is a small linear congruential generator: the same orders in every
// runtime (math/rand's sequences may differ between implementations).
type rng struct{ state uint32 }

func (r *rng) next(n int) int {
	r.state = r.state*1664525 + 1013904223
	return int(r.state>>8) % n
}

// Result is what happened to one order.
type Result struct {
	Order  Order
	Worker int
	Err    error
}

// Shipper describes how an order leaves the warehouse.
type Shipper interface {
	Ship(o Order) string
	Cost(o Order) int
}

type truck struct{ depot string }
type courier struct{ name string }

func (t truck) Ship(o Order) string { return "truck from " + t.depot }
func (t truck) Cost(o Order) int    { return 200 + 10*len(o.Lines) }
func (c courier) Ship(o Order) string {
	return "courier " + c.name
}
func (c courier) Cost(o Order) int { return 900 }

func shipperFor(o Order) Shipper {
	if o.Express {
		return courier{name: "Swift"}
	}
	return truck{depot: "north"}
}

func makeCatalog() []Item {
	names := []string{"bolt", "nut", "washer", "gear", "spring", "hinge", "lever", "valve"}
	items := make([]Item, 0, numShelves)
	for i, n := range names[:numShelves] {
		items = append(items, Item{SKU: fmt.Sprintf("%s-%02d", strings.ToUpper(n[:2]), i), Name: n, Price: 50 + 35*i})
	}
	return items
}

// generate sends the orders, then closes the channel.
func generate(catalog []Item, out chan<- Order) {
	r := &rng{state: 7}
	customers := []string{"ada", "brian", "carla", "dmitri", "eve"}
	for id := 1; id <= numOrders; id++ {
		o := Order{ID: id, Customer: customers[r.next(len(customers))], Express: r.next(5) == 0}
		lines := r.next(3)
		if id%17 == 0 {
			lines = -1 // now and then an empty order
		}
		for k := 0; k <= lines; k++ {
			o.Lines = append(o.Lines, Line{Item: catalog[r.next(len(catalog))], Qty: 1 + r.next(4)})
		}
		out <- o
	}
	close(out)
}

// work fills orders until the channel closes; a panic in one order is
// reported as that order's error instead of ending the program.
func work(id int, inv *Inventory, in <-chan Order, out chan<- Result, wg *sync.WaitGroup) {
	defer wg.Done()
	for o := range in {
		out <- fill(id, inv, o)
	}
}

func fill(id int, inv *Inventory, o Order) (res Result) {
	res = Result{Order: o, Worker: id}
	defer func() {
		if p := recover(); p != nil {
			res.Err = fmt.Errorf("order %d: %v", o.ID, p)
		}
	}()
	if o.Customer == "" {
		panic("no customer")
	}
	res.Err = inv.Take(o)
	return res
}

// Report sums up the results, whatever order they arrived in.
type Report struct {
	Shipped    int
	Revenue    int
	Shipping   int
	ByCustomer map[string]int
	Failures   map[string]int
}

func (r *Report) Add(res Result) {
	var oos *OutOfStock
	switch {
	case res.Err == nil:
		r.Shipped++
		r.Revenue += res.Order.Total()
		r.Shipping += shipperFor(res.Order).Cost(res.Order)
		r.ByCustomer[res.Order.Customer] += res.Order.Total()
	case errors.Is(res.Err, errEmptyOrder):
		r.Failures["empty"]++
	case errors.As(res.Err, &oos):
		r.Failures["out of stock: "+oos.SKU]++
	default:
		r.Failures["other"]++
	}
}

func cents(c int) string {
	return fmt.Sprintf("$%d.%02d", c/100, c%100)
}

func (r *Report) Print() {
	fmt.Printf("shipped %d of %d orders, revenue %s, shipping %s\n", r.Shipped, numOrders,
		cents(r.Revenue), cents(r.Shipping))
	names := make([]string, 0, len(r.ByCustomer))
	for n := range r.ByCustomer {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if r.ByCustomer[names[i]] != r.ByCustomer[names[j]] {
			return r.ByCustomer[names[i]] > r.ByCustomer[names[j]]
		}
		return names[i] < names[j]
	})
	for i, n := range names {
		fmt.Printf("%d. %-7s %9s\n", i+1, n, cents(r.ByCustomer[n]))
	}
	kinds := make([]string, 0, len(r.Failures))
	for k := range r.Failures {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Printf("failed (%s): %d\n", k, r.Failures[k])
	}
}

func main() {
	catalog := makeCatalog()
	// The last item is on order from the supplier: none in stock yet.
	inv := NewInventory(catalog[:numShelves-1], 100)
	orders := make(chan Order)
	results := make(chan Result, numWorkers)
	go generate(catalog, orders)

	var wg sync.WaitGroup
	for w := 1; w <= numWorkers; w++ {
		wg.Add(1)
		go work(w, inv, orders, results, &wg)
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	// The results, with a restock whenever the line goes quiet for a moment.
	rep := &Report{ByCustomer: map[string]int{}, Failures: map[string]int{}}
	first := ""
	for done := false; !done; {
		select {
		case res, ok := <-results:
			if !ok {
				done = true
				break
			}
			if res.Order.ID == 1 {
				first = res.Order.String() + " via " + shipperFor(res.Order).Ship(res.Order)
			}
			rep.Add(res)
		case <-time.After(50 * time.Millisecond):
			inv.Restock(6)
		}
	}
	fmt.Println(first)
	rep.Print()
	left := inv.Left()
	total := 0
	for _, it := range catalog {
		total += left[it.SKU]
	}
	fmt.Printf("%d items left on %d shelves\n", total, len(left))
}
