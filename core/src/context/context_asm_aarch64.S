// Stack switch for aarch64 AAPCS64 (the asm backend; C++ side in context_asm.cpp).
//
// A suspended context is its stack pointer alone: everything else it needs is
// in the 176-byte frame at that address, lowest address first:
//
//     sp+0    x19 .. x28
//     sp+80   x29 (frame pointer), x30 (lr: where the context resumes)
//     sp+96   d8 .. d15
//     sp+160  FPCR (8 bytes), 8 bytes unused
//
// These are the callee-saved registers (x19-x29, the low halves of v8-v15,
// sp) plus lr and FPCR, whose rounding mode each context keeps as its own, as
// MXCSR does on x86_64. sp stays 16-byte aligned throughout, as the ABI
// requires. context_asm.cpp builds the same frame for a new context, at the
// top of its stack, with lr pointing at gort_context_trampoline.

	.text

// Transfer gort_context_switch(void** save_sp, void* load_sp, Context* prev,
//                               EhGlobals* eh)
// Saves the running context's frame, stores its sp in *save_sp, resumes the
// context whose sp is load_sp and returns {prev, eh} there (in x0:x1, as the
// ABI returns a two-pointer struct; a new context's trampoline finds them
// there too).
	.globl	gort_context_switch
	.hidden	gort_context_switch
	.type	gort_context_switch, %function
	.p2align 4
gort_context_switch:
	.cfi_startproc
	sub	sp, sp, #176
	.cfi_def_cfa_offset 176
	stp	x19, x20, [sp, #0]
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	.cfi_offset x29, -96
	.cfi_offset x30, -88
	stp	d8, d9, [sp, #96]
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
	mrs	x9, fpcr
	str	x9, [sp, #160]

	// sp cannot be the source of a store: go through a scratch register.
	mov	x9, sp
	str	x9, [x0]
	mov	sp, x1

	ldr	x9, [sp, #160]
	msr	fpcr, x9
	ldp	x19, x20, [sp, #0]
	ldp	x21, x22, [sp, #16]
	ldp	x23, x24, [sp, #32]
	ldp	x25, x26, [sp, #48]
	ldp	x27, x28, [sp, #64]
	ldp	x29, x30, [sp, #80]
	ldp	d8, d9, [sp, #96]
	ldp	d10, d11, [sp, #112]
	ldp	d12, d13, [sp, #128]
	ldp	d14, d15, [sp, #144]
	add	sp, sp, #176
	.cfi_def_cfa_offset 0
	mov	x0, x2
	mov	x1, x3
	ret
	.cfi_endproc
	.size	gort_context_switch, .-gort_context_switch

// First code a new context runs, entered by gort_context_switch's ret with
// x19 = entry, x20 = arg, x0:x1 = {prev, eh}, x29 = 0 and sp at the 16-byte
// aligned top of the stack. This frame is the outermost one:
// .cfi_undefined x30 stops CFI unwinders here, x29 = 0 ends frame-pointer
// walks. (A zero return address would do as well for unwinders but not for
// TSan, which records a function entry from pc 0 as an exit.)
	.globl	gort_context_trampoline
	.hidden	gort_context_trampoline
	.type	gort_context_trampoline, %function
	.p2align 4
gort_context_trampoline:
	.cfi_startproc
	.cfi_undefined x30
	mov	x2, x19
	mov	x3, x20
	bl	gort_context_start
	brk	#1	// gort_context_start never returns
	.cfi_endproc
	.size	gort_context_trampoline, .-gort_context_trampoline

	.section .note.GNU-stack,"",%progbits
