// Package sort: sorting slices and user collections. Small inputs are
// insertion-sorted as Go's pdqsort does (so equal elements end up as in Go);
// larger ones are heap-sorted after a median-of-three quicksort partition.
package sort

type Interface interface {
	Len() int
	Less(i, j int) bool
	Swap(i, j int)
}

func insertionSort(data Interface, a, b int) {
	for i := a + 1; i < b; i++ {
		for j := i; j > a && data.Less(j, j-1); j-- {
			data.Swap(j, j-1)
		}
	}
}

func siftDown(data Interface, lo, hi, first int) {
	root := lo
	for {
		child := 2*root + 1
		if child >= hi {
			return
		}
		if child+1 < hi && data.Less(first+child, first+child+1) {
			child++
		}
		if !data.Less(first+root, first+child) {
			return
		}
		data.Swap(first+root, first+child)
		root = child
	}
}

func heapSort(data Interface, a, b int) {
	first := a
	lo := 0
	hi := b - a
	for i := (hi - 1) / 2; i >= 0; i-- {
		siftDown(data, i, hi, first)
	}
	for i := hi - 1; i >= 0; i-- {
		data.Swap(first, first+i)
		siftDown(data, lo, i, first)
	}
}

func quickSort(data Interface, a, b, depth int) {
	for b-a > 12 {
		if depth == 0 {
			heapSort(data, a, b)
			return
		}
		depth--
		m := int(uint(a+b) >> 1)
		// median of three to a
		if data.Less(m, a) {
			data.Swap(m, a)
		}
		if data.Less(b-1, m) {
			data.Swap(b-1, m)
			if data.Less(m, a) {
				data.Swap(m, a)
			}
		}
		data.Swap(a, m)
		i, j := a+1, b-1
		for {
			for i <= j && data.Less(i, a) {
				i++
			}
			for i <= j && !data.Less(j, a) {
				j--
			}
			if i > j {
				break
			}
			data.Swap(i, j)
			i++
			j--
		}
		data.Swap(a, j)
		if j-a < b-j {
			quickSort(data, a, j, depth)
			a = j + 1
		} else {
			quickSort(data, j+1, b, depth)
			b = j
		}
	}
	if b-a > 1 {
		insertionSort(data, a, b)
	}
}

func maxDepth(n int) int {
	var depth int
	for i := n; i > 0; i >>= 1 {
		depth++
	}
	return depth * 2
}

func Sort(data Interface) {
	n := data.Len()
	quickSort(data, 0, n, maxDepth(n))
}

func Stable(data Interface) {
	stableMerge(data, 0, data.Len())
}

func IsSorted(data Interface) bool {
	n := data.Len()
	for i := n - 1; i > 0; i-- {
		if data.Less(i, i-1) {
			return false
		}
	}
	return true
}

type reverse struct {
	Interface
}

func (r reverse) Less(i, j int) bool { return r.Interface.Less(j, i) }

func Reverse(data Interface) Interface { return &reverse{data} }

type lessSwap struct {
	less func(i, j int) bool
	swap func(i, j int)
	n    int
}

func (x *lessSwap) Len() int           { return x.n }
func (x *lessSwap) Less(i, j int) bool { return x.less(i, j) }
func (x *lessSwap) Swap(i, j int)      { x.swap(i, j) }

// length and swapElems read and swap the elements of any slice (natives:
// Go's own sort uses reflection for them).
func length(x any) int
func swapElems(x any, i, j int)

func swapper(x any) (func(i, j int), int) {
	return func(i, j int) { swapElems(x, i, j) }, length(x)
}

func Slice(x any, less func(i, j int) bool) {
	swap, n := swapper(x)
	Sort(&lessSwap{less, swap, n})
}

func SliceStable(x any, less func(i, j int) bool) {
	swap, n := swapper(x)
	stableMerge(&lessSwap{less, swap, n}, 0, n)
}

// stableMerge: insertion-sorted blocks of 20, merged (SymMerge, as Go's Stable).
func stableMerge(data Interface, a, b int) {
	n := b - a
	blockSize := 20
	for i := a; i < b; i += blockSize {
		end := i + blockSize
		if end > b {
			end = b
		}
		insertionSort(data, i, end)
	}
	for blockSize < n {
		for i := a; i+blockSize < b; i += 2 * blockSize {
			end := i + 2*blockSize
			if end > b {
				end = b
			}
			symMerge(data, i, i+blockSize, end)
		}
		blockSize *= 2
	}
}

func symMerge(data Interface, a, m, b int) {
	if m-a == 1 {
		i, j := m, b
		for i < j {
			h := int(uint(i+j) >> 1)
			if data.Less(h, a) {
				i = h + 1
			} else {
				j = h
			}
		}
		for k := a; k < i-1; k++ {
			data.Swap(k, k+1)
		}
		return
	}
	if b-m == 1 {
		i, j := a, m
		for i < j {
			h := int(uint(i+j) >> 1)
			if !data.Less(m, h) {
				i = h + 1
			} else {
				j = h
			}
		}
		for k := m; k > i; k-- {
			data.Swap(k, k-1)
		}
		return
	}
	mid := int(uint(a+b) >> 1)
	n := mid + m
	var start, r int
	if m > mid {
		start = n - b
		r = mid
	} else {
		start = a
		r = m
	}
	p := n - 1
	for start < r {
		c := int(uint(start+r) >> 1)
		if !data.Less(p-c, c) {
			start = c + 1
		} else {
			r = c
		}
	}
	end := n - start
	if start < m && m < end {
		rotate(data, start, m, end)
	}
	if a < start && start < mid {
		symMerge(data, a, start, mid)
	}
	if mid < end && end < b {
		symMerge(data, mid, end, b)
	}
}

func swapRange(data Interface, a, b, n int) {
	for i := 0; i < n; i++ {
		data.Swap(a+i, b+i)
	}
}

func rotate(data Interface, a, m, b int) {
	i := m - a
	j := b - m
	for i != j {
		if i > j {
			swapRange(data, m-i, m, j)
			i -= j
		} else {
			swapRange(data, m-i, m+j-i, i)
			j -= i
		}
	}
	swapRange(data, m-i, m, i)
}

func SliceIsSorted(x any, less func(i, j int) bool) bool {
	_, n := swapper(x)
	for i := n - 1; i > 0; i-- {
		if less(i, i-1) {
			return false
		}
	}
	return true
}

type IntSlice []int

func (x IntSlice) Len() int           { return len(x) }
func (x IntSlice) Less(i, j int) bool { return x[i] < x[j] }
func (x IntSlice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }
func (x IntSlice) Sort()              { Sort(x) }

type StringSlice []string

func (x StringSlice) Len() int           { return len(x) }
func (x StringSlice) Less(i, j int) bool { return x[i] < x[j] }
func (x StringSlice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }
func (x StringSlice) Sort()              { Sort(x) }

type Float64Slice []float64

func (x Float64Slice) Len() int { return len(x) }
func (x Float64Slice) Less(i, j int) bool {
	return x[i] < x[j] || (x[i] != x[i] && x[j] == x[j])
}
func (x Float64Slice) Swap(i, j int) { x[i], x[j] = x[j], x[i] }
func (x Float64Slice) Sort()         { Sort(x) }

func Ints(x []int)         { Sort(IntSlice(x)) }
func Strings(x []string)   { Sort(StringSlice(x)) }
func Float64s(x []float64) { Sort(Float64Slice(x)) }

func IntsAreSorted(x []int) bool         { return IsSorted(IntSlice(x)) }
func StringsAreSorted(x []string) bool   { return IsSorted(StringSlice(x)) }
func Float64sAreSorted(x []float64) bool { return IsSorted(Float64Slice(x)) }

func Search(n int, f func(int) bool) int {
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if !f(h) {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

func SearchInts(a []int, x int) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}

func SearchStrings(a []string, x string) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}
