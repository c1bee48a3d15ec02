// Go by Example: structs. Fields, literals, pointers, copies, embedding,
// anonymous structs, comparison.
package main

import "fmt"

type person struct {
	name string
	age  int
}

func newPerson(name string) *person {
	p := person{name: name}
	p.age = 42
	return &p
}

type base struct {
	num int
}

func (b base) describe() string {
	return fmt.Sprintf("base with num=%v", b.num)
}

type container struct {
	base
	str string
}

func main() {
	fmt.Println(person{"Bob", 20})
	fmt.Println(person{name: "Alice", age: 30})
	fmt.Println(person{name: "Fred"})
	fmt.Println(&person{name: "Ann", age: 40})
	fmt.Println(newPerson("Jon"))
	s := person{name: "Sean", age: 50}
	fmt.Println(s.name)
	sp := &s
	fmt.Println(sp.age)
	sp.age = 51
	fmt.Println(s.age)
	copy := s
	copy.age = 99
	fmt.Println(s.age, copy.age, s == person{"Sean", 51}, s != copy)
	dog := struct {
		name   string
		isGood bool
	}{"Rex", true}
	fmt.Println(dog)
	co := container{base: base{num: 1}, str: "some name"}
	fmt.Printf("co={num: %v, str: %v}\n", co.num, co.str)
	fmt.Println("also num:", co.base.num)
	fmt.Println("describe:", co.describe())
	type describer interface {
		describe() string
	}
	var d describer = co
	fmt.Println("describer:", d.describe())
	fmt.Printf("%+v %#v\n", co, dog)
	people := []person{{"X", 1}, {"Y", 2}}
	for i := range people {
		people[i].age *= 10
	}
	fmt.Println(people)
	m := map[string]person{"k": {"Z", 3}}
	p := m["k"]
	p.age++
	fmt.Println(m["k"], p)
}
