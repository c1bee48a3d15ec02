// Stack switch for x86_64 System V (the asm backend; C++ side in context_asm.cpp).
//
// A suspended context is its stack pointer alone: everything else it needs is
// in the 64-byte frame at that address, lowest address first:
//
//     sp+0   MXCSR (4 bytes), x87 control word (2 bytes), 2 bytes unused
//     sp+8   r15, r14, r13, r12, rbx, rbp
//     sp+56  return address
//
// These are exactly the registers the ABI makes callee-saved: the caller of
// gort_context_switch already keeps everything else in memory. context_asm.cpp
// builds the same frame for a new context, at the top of its stack, with the
// return address pointing at gort_context_trampoline.

	.text

// Transfer gort_context_switch(void** save_sp, void* load_sp, Context* prev,
//                               EhGlobals* eh)
// Saves the running context's frame, stores its sp in *save_sp, resumes the
// context whose sp is load_sp and returns {prev, eh} there (in rax:rdx, as
// the ABI returns a two-pointer struct; a new context's trampoline finds them
// there too).
	.globl	gort_context_switch
	.hidden	gort_context_switch
	.type	gort_context_switch, @function
	.p2align 4
gort_context_switch:
	.cfi_startproc
	pushq	%rbp
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset rbp, 0
	pushq	%rbx
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset rbx, 0
	pushq	%r12
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset r12, 0
	pushq	%r13
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset r13, 0
	pushq	%r14
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset r14, 0
	pushq	%r15
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset r15, 0
	subq	$8, %rsp
	.cfi_adjust_cfa_offset 8
	// Only the control bits of these are callee-saved (rounding mode,
	// exception masks); saving the status bits with them is harmless.
	stmxcsr	(%rsp)
	fnstcw	4(%rsp)

	movq	%rsp, (%rdi)
	movq	%rsi, %rsp

	ldmxcsr	(%rsp)
	fldcw	4(%rsp)
	addq	$8, %rsp
	.cfi_adjust_cfa_offset -8
	popq	%r15
	.cfi_adjust_cfa_offset -8
	popq	%r14
	.cfi_adjust_cfa_offset -8
	popq	%r13
	.cfi_adjust_cfa_offset -8
	popq	%r12
	.cfi_adjust_cfa_offset -8
	popq	%rbx
	.cfi_adjust_cfa_offset -8
	popq	%rbp
	.cfi_adjust_cfa_offset -8
	movq	%rdx, %rax
	movq	%rcx, %rdx
	ret
	.cfi_endproc
	.size	gort_context_switch, .-gort_context_switch

// First code a new context runs, entered by gort_context_switch's ret with
// r12 = entry, r13 = arg, rax:rdx = {prev, eh}, rbp = 0 and rsp at the 16-byte
// aligned top of the stack, so the call gives gort_context_start the ABI's
// entry alignment (rsp % 16 == 8). This frame is the outermost one:
// .cfi_undefined rip stops CFI unwinders here, rbp = 0 ends frame-pointer
// walks. (A zero return address would do as well for unwinders but not for
// TSan, which records a function entry from pc 0 as an exit.)
	.globl	gort_context_trampoline
	.hidden	gort_context_trampoline
	.type	gort_context_trampoline, @function
	.p2align 4
gort_context_trampoline:
	.cfi_startproc
	.cfi_undefined rip
	movq	%rax, %rdi
	movq	%rdx, %rsi
	movq	%r12, %rdx
	movq	%r13, %rcx
	call	gort_context_start
	ud2	// gort_context_start never returns
	.cfi_endproc
	.size	gort_context_trampoline, .-gort_context_trampoline

	.section .note.GNU-stack,"",@progbits
