# Install-time script (install(SCRIPT)): writes segment.pc for the prefix being installed to.
# Set before it by install(CODE): SEGMENT_PC_VERSION, SEGMENT_PC_DIRS (libdir;includedir;datadir
# as GNUInstallDirs gives them), SEGMENT_PC_IN, SEGMENT_PC_OUT.
set(PROJECT_VERSION "${SEGMENT_PC_VERSION}")
set(SEGMENT_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
foreach(kind LIBDIR INCLUDEDIR DATADIR)
  list(POP_FRONT SEGMENT_PC_DIRS dir)
  if(IS_ABSOLUTE "${dir}")
    set(SEGMENT_PC_${kind} "${dir}")
  else()
    set(SEGMENT_PC_${kind} "\${prefix}/${dir}")
  endif()
endforeach()
configure_file("${SEGMENT_PC_IN}" "${SEGMENT_PC_OUT}" @ONLY)
