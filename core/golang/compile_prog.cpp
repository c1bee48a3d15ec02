// The compiler's program level: functions (compiled on first reference),
// natives, globals, the start function (package initialisation, then
// main.main), method tables and the wrappers they and method values need.
#include <algorithm>
#include <cstdlib>

#include "compiler.hpp"
#include "natives.hpp"
#include "vm.hpp"

namespace gort::golang {

Compiler::Compiler(Program::Impl& prog, std::vector<Error>& errors)
    : prog_(prog),
      unit_(*prog.unit),
      T_(*prog.unit->types),
      info_(prog.unit->info),
      errors_(errors) {}

std::size_t Compiler::emit(Op op, int a, int b, int c) {
  FuncCode* fc = fn_->code;
  fc->code.push_back({op, static_cast<std::uint16_t>(a), static_cast<std::uint16_t>(b),
                      static_cast<std::uint16_t>(c)});
  fc->lines.push_back(pos_.line);
  return fc->code.size() - 1;
}

std::size_t Compiler::emit_bc(Op op, int a, std::uint32_t bc) {
  return emit(op, a, static_cast<int>(bc & 0xFFFF), static_cast<int>(bc >> 16));
}

std::size_t Compiler::emit_jump(Op op, int a) {
  return emit_bc(op, a, 0);
}

void Compiler::patch_to(std::size_t at, std::size_t target) {
  Instr& in = fn_->code->code[at];
  std::int64_t off = static_cast<std::int64_t>(target) - static_cast<std::int64_t>(at + 1);
  if (in.op == Op::JLt || in.op == Op::JGe || in.op == Op::JEq || in.op == Op::JNe ||
      in.op == Op::MapNext || in.op == Op::ChanNext) {
    if (off < -32768 || off > 32767) {
      errors_.push_back({fn_->pos.line, fn_->pos.col,
                         "gort: function too large (a jump spans more than 32767 instructions)"});
    }
    in.c = static_cast<std::uint16_t>(static_cast<std::int16_t>(off));
    return;
  }
  auto u = static_cast<std::uint32_t>(static_cast<std::int32_t>(off));
  in.b = static_cast<std::uint16_t>(u & 0xFFFF);
  in.c = static_cast<std::uint16_t>(u >> 16);
}

void Compiler::patch(std::size_t at) {
  patch_to(at, fn_->code->code.size());
}

void Compiler::jump_back(std::size_t target) {
  std::size_t at = emit_jump(Op::Jmp);
  patch_to(at, target);
}

std::uint32_t Compiler::konst(Value v) {
  auto& k = fn_->code->consts;
  auto [it, fresh] = fn_->const_index.try_emplace(v.u, static_cast<std::uint32_t>(k.size()));
  if (fresh) k.push_back(v);
  return it->second;
}

std::uint32_t Compiler::type_const(const Type* t) {
  return konst(Value::of_ptr(t));
}

int Compiler::tmp(int n) {
  int s = fn_->top;
  fn_->top += n;
  if (fn_->top > 65000) {
    errors_.push_back(
        {fn_->pos.line, fn_->pos.col, "gort: function too large (more than 65000 slots)"});
    fn_->top = 0;
  }
  if (static_cast<std::uint32_t>(fn_->top) > fn_->code->nslots)
    fn_->code->nslots = static_cast<std::uint32_t>(fn_->top);
  return s;
}

FuncCode* Compiler::new_func(const std::string& name, const Type* sig) {
  prog_.funcs.push_back(std::make_unique<FuncCode>());
  FuncCode* fc = prog_.funcs.back().get();
  fc->name = name;
  fc->sig = sig;
  if (sig) {
    fc->nres = static_cast<std::uint16_t>(sig->results.size());
    fc->nparams = static_cast<std::uint16_t>(sig->params.size());
    fc->variadic = sig->variadic;
  }
  return fc;
}

FuncCode* Compiler::native_code(Object* f) {
  auto it = funcs_.find(f);
  if (it != funcs_.end()) return it->second;
  FuncCode* fc = new_func(f->go_name, f->type);
  if (f->recv_named) fc->nparams++;
  fc->library = true;
  fc->native = find_native(f->native);
  if (!fc->native) {
    errors_.push_back({0, 0, "gort: library function " + f->native + " is not implemented"});
  }
  fc->nslots = fc->nres + fc->nparams;
  funcs_[f] = fc;
  return fc;
}

FuncCode* Compiler::func_code(Object* f) {
  if (!f->native.empty()) return native_code(f);
  auto it = funcs_.find(f);
  if (it != funcs_.end()) return it->second;
  FuncCode* fc = new_func(f->go_name, f->type);
  if (f->recv_named) fc->nparams++;
  fc->library = f->pkg && f->pkg->library;
  funcs_[f] = fc;
  pending_.emplace_back(f, fc);
  return fc;
}

void Compiler::compile_func_body(FuncCode* fc, const FuncVars& vars, BlockStmt* body, FuncLit* lit,
                                 Fn* outer, const std::vector<Object*>& captures) {
  Fn f;
  f.code = fc;
  f.outer = outer;
  f.pos = body ? body->pos : Pos{};
  Fn* saved = fn_;
  Pos saved_pos = pos_;
  fn_ = &f;
  pos_ = f.pos;
  for (const Object* c : captures) f.upvals.push_back(c);
  // Results, then receiver and parameters, each in its own slot.
  int slot = 0;
  std::vector<std::pair<Object*, int>> bind;
  for (Object* r : vars.results) bind.emplace_back(r, slot++);
  if (vars.recv) bind.emplace_back(vars.recv, slot++);
  for (Object* p : vars.params) bind.emplace_back(p, slot++);
  f.top = slot;
  fc->nslots = static_cast<std::uint32_t>(slot);
  std::size_t nres = vars.results.size();
  for (std::size_t i = 0; i < bind.size(); i++) {
    auto [o, s] = bind[i];
    bool is_result = i < nres;
    bool named = !o->name.empty() && o->name != "_";
    if (is_result && o->type->boxed()) {
      // Every boxed result starts as a zero object (named results are read
      // before any return stores them).
      emit_bc(Op::NewObj, s, type_const(o->type));
    }
    if (!named) continue;
    if (o->escapes && !o->type->boxed()) {
      int cell = tmp();
      emit(Op::NewCell, cell, s);
      f.vars[o] = {{Loc::K::Cell, cell, 0, o->type}};
      if (is_result)
        fc->result_cells.emplace_back(static_cast<std::uint16_t>(s),
                                      static_cast<std::uint16_t>(cell));
    } else {
      f.vars[o] = {{Loc::K::Slot, s, 0, o->type}};
    }
  }
  if (body) block(body->list);
  pos_ = body ? body->rbrace : pos_;
  emit(Op::Ret);
  // Forward gotos.
  for (auto& [at, target] : f.gotos) {
    auto it = f.label_pc.find(target);
    if (it != f.label_pc.end()) patch_to(at, it->second);
  }
  (void)lit;
  fn_ = saved;
  pos_ = saved_pos;
}

void Compiler::compile_global_init(Package* p) {
  for (ValueSpec* vs : info_.init_order[p]) {
    if (vs->values.empty()) continue;
    pos_ = vs->pos;
    int saved = fn_->top;
    std::vector<Object*> objs;
    for (Ident* id : vs->names) objs.push_back(id->obj);
    auto store_global = [&](Object* o, int src, const Type* from) {
      if (!o || o->name == "_") return;
      std::uint32_t g = globals_[o];
      Loc l{Loc::K::Global, static_cast<int>(g), 0, o->type};
      int v = into({src, true}, from, o->type, -1);
      store(l, {v, true});
    };
    if (vs->values.size() == objs.size()) {
      for (std::size_t i = 0; i < objs.size(); i++) {
        Expr* e = vs->values[i];
        if (!objs[i] || objs[i]->name == "_") {
          expr(e);
          continue;
        }
        int v = expr_to(e, objs[i]->type);
        store_global(objs[i], v, objs[i]->type);
      }
    } else {
      Expr* e = vs->values[0];
      if (e->tv.mode == Mode::CommaOk) {
        int r = comma_ok(e);
        store_global(objs[0], r, e->tv.type);
        store_global(objs[1], r + 1, T_.basic(TK::Bool));
      } else {
        int r = call_region(static_cast<CallExpr*>(e));
        for (std::size_t i = 0; i < objs.size(); i++)
          store_global(objs[i], r + static_cast<int>(i), e->tv.type->types[i]);
      }
    }
    fn_->top = saved;
  }
  // init functions, in source order.
  for (Object* f : p->funcs) {
    if (f->name == "init" && !f->recv_named && f->decl) {
      int base = tmp(0);
      emit_bc(Op::Call, base, konst(Value::of_ptr(func_code(f))));
    }
  }
}

FuncCode* Compiler::compile_start() {
  FuncCode* fc = new_func("runtime.main", nullptr);
  fc->library = true;
  Fn f;
  f.code = fc;
  fn_ = &f;
  // Every global's zero value: boxed ones need their object.
  for (Package* p : info_.packages) {
    for (Object* g : p->globals) {
      std::uint32_t idx = prog_.nglobals++;
      globals_[g] = idx;
      prog_.global_names.push_back(g->name);
      if (g->type->boxed()) {
        int t = tmp();
        emit_bc(Op::NewObj, t, type_const(g->type));
        emit_bc(Op::StoreG, t, idx);
        f.top = 0;
      }
    }
  }
  for (Package* p : info_.packages) compile_global_init(p);
  Object* m = unit_.main->scope->lookup_local("main");
  pos_ = m->pos;
  emit_bc(Op::Call, tmp(0), konst(Value::of_ptr(func_code(m))));
  emit(Op::Ret);
  fn_ = nullptr;
  return fc;
}

void Compiler::compile_program() {
  Checker checker(T_, info_, unit_.diags_sink, [](const std::string&) { return nullptr; });
  checker_ = &checker;
  prog_.error_type = T_.error_type();
  if (Package* rt = unit_.packages.count("runtime") ? unit_.packages["runtime"] : nullptr) {
    if (Object* o = rt->scope->lookup_local("errorString")) prog_.runtime_error = o->type;
    if (Object* o = rt->scope->lookup_local("plainError")) prog_.plain_error = o->type;
    if (prog_.runtime_error) add_method_table(prog_.runtime_error);
    if (prog_.plain_error) add_method_table(prog_.plain_error);
  }
  prog_.start = compile_start();
  while (!pending_.empty()) {
    auto [f, fc] = pending_.back();
    pending_.pop_back();
    FuncDecl* d = f->decl;
    compile_func_body(fc, info_.func_vars[d->type], d->body, nullptr, nullptr, {});
  }
  checker_ = nullptr;
}

// ---------------------------------------------------------------- methods

void Compiler::add_method_table(const Type* t) {
  if (prog_.methods.count(t)) return;
  MethodTable& mt = prog_.methods[t];
  for (const MethodEntry& m : checker_->method_set(t)) {
    // A method of an embedded interface, or one reached through embedded
    // fields, or needing its receiver dereferenced: a wrapper.
    bool direct =
        m.func->recv_named && m.path.empty() && (t->kind == TK::Pointer) == m.func->ptr_recv;
    FuncCode* fc = direct ? func_code(m.func) : method_wrapper(t, m);
    mt.methods.push_back({prog_.method_id(m.name), m.func->type, fc});
  }
  std::sort(mt.methods.begin(), mt.methods.end(),
            [](const MethodImpl& a, const MethodImpl& b) { return a.name < b.name; });
}

// A method of `recv`'s method set that is promoted (through embedded fields)
// or needs its receiver dereferenced: a function taking `recv` that reaches
// the declared method's receiver and calls it.
// The frame of a wrapper: its results and parameters, then a call region
// for the function it calls (nres results and `callee_params` parameters).
int Compiler::begin_wrapper(Fn& f, FuncCode* fc, int callee_params) {
  f.code = fc;
  fn_ = &f;
  f.top = fc->nres + fc->nparams;
  fc->nslots = static_cast<std::uint32_t>(f.top);
  return tmp(fc->nres + callee_params);
}

// The callee's results (at `region`) become the wrapper's.
void Compiler::end_wrapper(int region) {
  for (int i = 0; i < fn_->code->nres; i++) emit(Op::Mov, i, region + i);
  emit(Op::Ret);
}

FuncCode* Compiler::method_wrapper(const Type* recv, const MethodEntry& m) {
  auto key = std::make_pair(recv, m.name);
  auto it = wrappers_.find(key);
  if (it != wrappers_.end()) return it->second;
  FuncCode* fc = new_func(m.func->go_name, m.func->type);
  fc->nparams++;  // the receiver
  fc->library = true;
  wrappers_[key] = fc;
  Fn f;
  Fn* saved = fn_;
  int region = begin_wrapper(f, fc, fc->nparams);
  int nres = fc->nres;
  method_receiver({Loc::K::Slot, nres, 0, recv}, recv, m.path, m.func, region + nres);
  for (int i = 1; i < fc->nparams; i++) emit(Op::Mov, region + nres + i, nres + i);
  if (m.func->recv_named) {
    emit_bc(Op::Call, region, konst(Value::of_ptr(func_code(m.func))));
  } else {
    emit_bc(Op::CallI, region, prog_.method_id(m.name));
    emit_ext(nres, 0, 0);
  }
  end_wrapper(region);
  fn_ = saved;
  return fc;
}

// x.M as a value: a closure over the receiver (env[0]) that calls the method.
FuncCode* Compiler::bound_wrapper(Object* method, bool iface, const Type* recv) {
  auto key = std::make_pair(static_cast<const Object*>(method), recv);
  auto it = bound_.find(key);
  if (it != bound_.end()) return it->second;
  std::string name = iface ? type_string(recv, true) + "." + method->name : method->go_name;
  FuncCode* fc = new_func(name + "-fm", method->type);
  fc->library = true;
  bound_[key] = fc;
  Fn f;
  Fn* saved = fn_;
  int region = begin_wrapper(f, fc, fc->nparams + 1);
  int nres = fc->nres;
  int rs = region + nres;
  emit(Op::LoadUp, rs, 0);
  if (!iface && !method->ptr_recv && recv->boxed()) {
    emit(Op::CopyObj, rs, rs, static_cast<int>(type_const(recv)));
  }
  for (int i = 0; i < fc->nparams; i++) emit(Op::Mov, rs + 1 + i, nres + i);
  if (iface) {
    emit_bc(Op::CallI, region, prog_.method_id(method->name));
    emit_ext(nres, 0, 0);
  } else {
    emit_bc(Op::Call, region, konst(Value::of_ptr(func_code(method))));
  }
  end_wrapper(region);
  fn_ = saved;
  return fc;
}

// ---------------------------------------------------------------- Program::Impl

Program::Impl::~Impl() {
  {
    std::lock_guard lk(run_mu_);
    run_.reset();
  }
  for (void* p : statics) std::free(p);
}

bool Compiler::may_call_method(const Type* t) {
  if (rt::traced_as_time(t)) return false;
  if (is_interface(t)) return true;
  for (const MethodEntry& m : checker_->method_set(t)) {
    if (m.name == "Error" || m.name == "String") return true;
  }
  return false;
}

Run* Program::Impl::new_run(const Limits& limits) const {
  std::lock_guard lk(run_mu_);
  run_.reset();
  sent_texts.clear();
  run_ = std::make_unique<Run>(this, limits);
  return run_.get();
}

std::uint32_t Program::Impl::method_id(const std::string& name) {
  auto it = method_ids.find(name);
  if (it != method_ids.end()) return it->second;
  auto id = static_cast<std::uint32_t>(method_names.size());
  method_names.push_back(name);
  method_ids.emplace(name, id);
  return id;
}

Str* Program::Impl::static_string(std::string_view s) {
  auto* h = static_cast<Str*>(std::calloc(1, sizeof(Str) + s.size() + 1));
  h->h.size = static_cast<std::uint32_t>(s.size());
  h->h.kind = HeapKind::Str;
  h->h.flags = kStatic;
  std::memcpy(h + 1, s.data(), s.size());
  statics.push_back(h);
  return h;
}

Closure* Program::Impl::static_closure(FuncCode* f) {
  if (f->static_closure) return f->static_closure;
  auto* c = static_cast<Closure*>(std::calloc(1, sizeof(Closure)));
  c->h.kind = HeapKind::Closure;
  c->h.flags = kStatic;
  c->h.size = sizeof(Closure) - sizeof(ObjHeader);
  c->fn = f;
  statics.push_back(c);
  f->static_closure = c;
  return c;
}

const MethodImpl* MethodTable::find(std::uint32_t name) const {
  auto it = std::lower_bound(methods.begin(), methods.end(), name,
                             [](const MethodImpl& m, std::uint32_t n) { return m.name < n; });
  return it != methods.end() && it->name == name ? &*it : nullptr;
}

std::shared_ptr<const Program> build_program(std::unique_ptr<Unit> unit,
                                             std::vector<Error>& errors) {
  auto impl = std::make_unique<Program::Impl>();
  impl->unit = std::move(unit);
  impl->unit->types->finish_layout();
  Compiler c(*impl, errors);
  c.compile_program();
  if (!errors.empty()) return nullptr;
  impl->filename = impl->unit->main && !impl->unit->main->files.empty()
                       ? impl->unit->main->files[0]->filename
                       : "prog.go";
  // Every function's func value exists before the program runs (LoadFn,
  // interface calls read it from any thread).
  for (auto& f : impl->funcs) impl->static_closure(f.get());
  return std::make_shared<Program>(std::move(impl));
}

}  // namespace gort::golang
