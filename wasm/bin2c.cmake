# cmake -DIN=file -DOUT=file.c -DNAME=sym -P bin2c.cmake
# Writes the bytes of IN as a C array:
#   const unsigned char NAME[]; const unsigned int NAME_size;
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR size "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}" "/* Generated from ${IN} by wasm/bin2c.cmake. */\n"
  "const unsigned char ${NAME}[] = {\n${bytes}};\n"
  "const unsigned int ${NAME}_size = ${size};\n")
