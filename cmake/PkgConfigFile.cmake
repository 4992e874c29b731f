# Install-time script (install(SCRIPT)): writes segment.pc for the prefix being installed to and
# installs it into LIBDIR/pkgconfig. Set before it by install(CODE): SEGMENT_PC_VERSION,
# SEGMENT_PC_DIRS (libdir;includedir;datadir as GNUInstallDirs gives them), SEGMENT_PC_IN,
# SEGMENT_PC_TMP (a directory for the file before it is installed; one file per install run, so
# two installs of one build to different prefixes at once do not mix).
set(PROJECT_VERSION "${SEGMENT_PC_VERSION}")
set(SEGMENT_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(dirs ${SEGMENT_PC_DIRS})
foreach(kind LIBDIR INCLUDEDIR DATADIR)
  list(POP_FRONT dirs dir)
  if(kind STREQUAL "LIBDIR")
    set(libdir_dest "${dir}")
  endif()
  if(IS_ABSOLUTE "${dir}")
    set(SEGMENT_PC_${kind} "${dir}")
  else()
    set(SEGMENT_PC_${kind} "\${prefix}/${dir}")
  endif()
endforeach()
if(NOT IS_ABSOLUTE "${libdir_dest}")
  set(libdir_dest "${CMAKE_INSTALL_PREFIX}/${libdir_dest}")
endif()
string(MD5 where "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}") # one name per destination
string(RANDOM LENGTH 8 run)
string(SUBSTRING "${where}" 0 12 where)
set(run "${where}-${run}")
set(tmp "${SEGMENT_PC_TMP}/${run}/segment.pc")
configure_file("${SEGMENT_PC_IN}" "${tmp}" @ONLY)
file(INSTALL DESTINATION "${libdir_dest}/pkgconfig" TYPE FILE FILES "${tmp}")
file(REMOVE_RECURSE "${SEGMENT_PC_TMP}/${run}")
