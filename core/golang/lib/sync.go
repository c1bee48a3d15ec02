// Package sync: gort's WaitGroup, Mutex and RWMutex, whose zero values are
// the runtime's own (gort::WaitGroup, ... built in place in these words),
// so the trace and the deadlock report show them as Go does.
package sync

type Locker interface {
	Lock()
	Unlock()
}

type Mutex struct {
	w0, w1, w2, w3 uintptr
}

func (m *Mutex) Lock()
func (m *Mutex) Unlock()
func (m *Mutex) TryLock() bool

type RWMutex struct {
	w0, w1, w2, w3, w4, w5, w6, w7 uintptr
}

func (rw *RWMutex) Lock()
func (rw *RWMutex) Unlock()
func (rw *RWMutex) TryLock() bool
func (rw *RWMutex) RLock()
func (rw *RWMutex) RUnlock()
func (rw *RWMutex) TryRLock() bool

func (rw *RWMutex) RLocker() Locker { return (*rlocker)(rw) }

type rlocker RWMutex

func (r *rlocker) Lock()   { (*RWMutex)(r).RLock() }
func (r *rlocker) Unlock() { (*RWMutex)(r).RUnlock() }

type WaitGroup struct {
	w0, w1, w2, w3 uintptr
}

func (wg *WaitGroup) Add(delta int)
func (wg *WaitGroup) Done()
func (wg *WaitGroup) Wait()

// Go runs f in a new goroutine and tracks it (Go 1.25).
func (wg *WaitGroup) Go(f func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		f()
	}()
}

type Once struct {
	m    Mutex
	done bool
}

func (o *Once) Do(f func()) {
	o.m.Lock()
	defer o.m.Unlock()
	if !o.done {
		defer func() { o.done = true }()
		f()
	}
}

// Cond: waiters park on channels of their own, so Wait shows as a channel
// receive in traces.
type Cond struct {
	L       Locker
	m       Mutex
	waiters []chan struct{}
}

func NewCond(l Locker) *Cond { return &Cond{L: l} }

func (c *Cond) Wait() {
	ch := make(chan struct{})
	c.m.Lock()
	c.waiters = append(c.waiters, ch)
	c.m.Unlock()
	c.L.Unlock()
	<-ch
	c.L.Lock()
}

func (c *Cond) Signal() {
	c.m.Lock()
	if len(c.waiters) > 0 {
		close(c.waiters[0])
		c.waiters = c.waiters[1:]
	}
	c.m.Unlock()
}

func (c *Cond) Broadcast() {
	c.m.Lock()
	for _, ch := range c.waiters {
		close(ch)
	}
	c.waiters = nil
	c.m.Unlock()
}
