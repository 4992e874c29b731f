# segment_embed(OUTVAR name file [name file ...])
# Turns each data file into a C array `seg_data_<name>` (plus `_len`) at build time, so the
# binary carries its default language data and works from any directory.
function(segment_embed outvar)
  set(args ${ARGN})
  set(gen_dir ${CMAKE_CURRENT_BINARY_DIR}/generated)
  file(MAKE_DIRECTORY ${gen_dir})
  set(sources)
  list(LENGTH args n)
  math(EXPR last "${n} - 1")
  foreach(i RANGE 0 ${last} 2)
    math(EXPR j "${i} + 1")
    list(GET args ${i} name)
    list(GET args ${j} file)
    set(in ${CMAKE_CURRENT_SOURCE_DIR}/${file})
    set(out ${gen_dir}/data_${name}.c)
    add_custom_command(OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -DIN=${in} -DOUT=${out} -DNAME=${name}
              -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EmbedFile.cmake
      DEPENDS ${in} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/EmbedFile.cmake
      COMMENT "Embedding ${file}" VERBATIM)
    list(APPEND sources ${out})
  endforeach()
  set(${outvar} ${sources} PARENT_SCOPE)
endfunction()
